-- Positions, their audit trail, the inbox of processed messages and the transactional outbox.
-- The partial unique index below is what makes a second open position per (account, venue, symbol)
-- impossible, whatever the code above it does (invariant I1).

CREATE TABLE positions (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account             text        NOT NULL,
    venue               text        NOT NULL,
    symbol              text        NOT NULL,
    side                text        NOT NULL CONSTRAINT positions_side_check
                                    CHECK (side IN ('BUY', 'SELL')),
    status              text        NOT NULL CONSTRAINT positions_status_check
                                    CHECK (status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE',
                                                      'CLOSING', 'CLOSED', 'ROLLED_BACK')),
    quantity            numeric(38, 18) NOT NULL CONSTRAINT positions_quantity_positive CHECK (quantity > 0),
    filled_quantity     numeric(38, 18) NOT NULL DEFAULT 0 CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
    remaining_quantity  numeric(38, 18) NOT NULL DEFAULT 0 CHECK (remaining_quantity >= 0 AND remaining_quantity <= filled_quantity),
    entry_price         numeric(38, 18) CHECK (entry_price > 0),
    exit_price          numeric(38, 18) CHECK (exit_price > 0),
    stop_loss           numeric(38, 18) CHECK (stop_loss > 0),
    take_profit         numeric(38, 18) CHECK (take_profit > 0),
    realized_pnl        numeric(38, 18),
    close_reason        text,
    origin              text        NOT NULL CHECK (origin IN ('SIGNAL', 'COMMAND', 'ADOPTED')),
    signal_id           text,
    entry_order_id      text,
    exit_order_id       text,
    exit_attempt        integer     NOT NULL DEFAULT 0 CHECK (exit_attempt >= 0),
    version             bigint      NOT NULL CHECK (version >= 1),
    opened_at           timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    closed_at           timestamptz
);

-- Every open status, not only ACTIVE: seed 003 was a unique index that forgot the intermediate ones.
CREATE UNIQUE INDEX positions_one_open_per_symbol
    ON positions (account, venue, symbol)
    WHERE status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE', 'CLOSING');

CREATE INDEX positions_by_account_symbol ON positions (account, symbol, id DESC);
CREATE UNIQUE INDEX positions_entry_order ON positions (entry_order_id) WHERE entry_order_id IS NOT NULL;

-- The audit trail: one row per transition, versions 1..n per position without gaps.
CREATE TABLE position_events (
    position_id  bigint      NOT NULL REFERENCES positions (id),
    version      bigint      NOT NULL CHECK (version >= 1),
    type         text        NOT NULL,
    status       text        NOT NULL,
    cause        text        NOT NULL,
    snapshot     jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (position_id, version)
);

-- Messages already applied, by id: a redelivered command or venue event finds its id here and has
-- no second effect. Written in the same transaction as the effect.
CREATE TABLE inbox (
    message_id    text        NOT NULL,
    source        text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, message_id)
);

-- The transactional outbox. Column names follow the Debezium outbox event router (id, aggregatetype,
-- aggregateid, type, payload) so a CDC connector can replace the relay; seq orders the relay.
CREATE TABLE outbox (
    seq            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             uuid        NOT NULL UNIQUE,
    aggregatetype  text        NOT NULL,  -- the destination topic
    aggregateid    text        NOT NULL,  -- the Kafka key (the symbol)
    type           text        NOT NULL,  -- CloudEvents type
    payload        jsonb       NOT NULL,
    headers        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;

-- Wake the relay at commit. NOTIFY is only a wake-up (not durable); the relay also polls slowly.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('positrack_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify_after_insert
    AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
