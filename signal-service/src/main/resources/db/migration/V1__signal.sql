-- signal-service's own database. Nothing here is the truth about positions: position-service owns
-- them. These tables hold what signal-service produces (bars, signals) and its read model of
-- position-events (sessions), which can be rebuilt by replaying that topic.

-- Completed bars per symbol, so that a restarted instance resumes its indicators where it stopped.
CREATE TABLE bars (
    symbol      text        NOT NULL,
    bar_start   timestamptz NOT NULL,
    bar_end     timestamptz NOT NULL,
    open        numeric     NOT NULL,
    high        numeric     NOT NULL,
    low         numeric     NOT NULL,
    close       numeric     NOT NULL,
    ticks       integer     NOT NULL,
    PRIMARY KEY (symbol, bar_start)
);

-- Every signal the strategy produced. The id is derived from (symbol, strategy, bar end), so
-- evaluating the same bar twice inserts nothing new.
CREATE TABLE signals (
    signal_id   text        PRIMARY KEY,
    symbol      text        NOT NULL,
    strategy    text        NOT NULL,
    side        text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    entry       numeric     NOT NULL,
    stop_loss   numeric     NOT NULL,
    take_profit numeric     NOT NULL,
    reason      text        NOT NULL,
    bar_end     timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signals_latest_per_symbol ON signals (symbol, bar_end DESC);

-- The session read model: one row per position opened for a signal, keyed by the position id and
-- changed only by an event of a higher version (position-events is delivered at least once).
CREATE TABLE sessions (
    position_id         bigint      PRIMARY KEY,
    signal_id           text        NOT NULL,
    account             text        NOT NULL,
    venue               text        NOT NULL,
    symbol              text        NOT NULL,
    side                text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    status              text        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    position_status     text        NOT NULL,
    version             bigint      NOT NULL,
    quantity            numeric,
    filled_quantity     numeric,
    signal_entry        numeric,
    entry_price         numeric,
    exit_price          numeric,
    stop_loss           numeric,
    take_profit         numeric,
    -- The stop loss when the session opened: the risk that "R" is measured in.
    initial_stop_loss   numeric,
    reason              text,
    close_reason        text,
    realized_pnl        numeric,
    opened_at           timestamptz NOT NULL,
    entry_filled_at     timestamptz,
    expiry_requested_at timestamptz,
    closed_at           timestamptz,
    updated_at          timestamptz NOT NULL
);
-- At most one open session per (account, venue, symbol), as position-service allows at most one open
-- position there. An event stream that broke this would be refused here, not silently merged.
CREATE UNIQUE INDEX sessions_one_open_per_symbol ON sessions (account, venue, symbol) WHERE status = 'OPEN';
-- A signal opens at most one position per account and venue (position-service's rule), so one session.
CREATE UNIQUE INDEX sessions_one_per_signal ON sessions (account, venue, signal_id);
CREATE INDEX sessions_newest_first ON sessions (opened_at DESC, position_id DESC);
CREATE INDEX sessions_awaiting_entry ON sessions (opened_at) WHERE status = 'OPEN' AND entry_filled_at IS NULL;
