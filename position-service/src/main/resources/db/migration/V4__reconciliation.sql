-- Reconciliation with the venue (issue 6).

-- The latest venue time applied per key: the transaction time of the last fill that changed the venue
-- position. A position report whose as-of time is not newer is stale: it cannot know about that fill.
CREATE TABLE venue_watermarks (
    account     text        NOT NULL,
    venue       text        NOT NULL,
    symbol      text        NOT NULL,
    venue_time  timestamptz NOT NULL,
    PRIMARY KEY (account, venue, symbol)
);

-- The freshest report accepted per key: what the venue holds, as far as we know. Exits are clamped to it.
CREATE TABLE venue_positions (
    account      text            NOT NULL,
    venue        text            NOT NULL,
    symbol       text            NOT NULL,
    side         text            CHECK (side IN ('BUY', 'SELL')),
    quantity     numeric(38, 18) NOT NULL CHECK (quantity >= 0),
    entry_price  numeric(38, 18),
    as_of        timestamptz     NOT NULL,
    report_id    text            NOT NULL,
    PRIMARY KEY (account, venue, symbol)
);

-- A discrepancy between the database and the venue, and how many consecutive fresh, complete reports
-- have shown it. Acted on only at the configured number of confirmations; any other observation resets it.
CREATE TABLE reconciliation_observations (
    account     text            NOT NULL,
    venue       text            NOT NULL,
    symbol      text            NOT NULL,
    kind        text            NOT NULL CHECK (kind IN ('ORPHAN', 'GHOST', 'SIZE_MISMATCH')),
    side        text,
    quantity    numeric(38, 18) NOT NULL,
    position_id bigint,
    streak      integer         NOT NULL CHECK (streak >= 1),
    first_seen  timestamptz     NOT NULL,
    last_seen   timestamptz     NOT NULL,
    PRIMARY KEY (account, venue, symbol)
);

-- The paper venue's position history, so that it can serve snapshots lagging the truth by a chosen window.
CREATE TABLE paper.position_changes (
    account     text            NOT NULL,
    symbol      text            NOT NULL,
    quantity    numeric(38, 18) NOT NULL,
    entry_price numeric(38, 18),
    changed_at  timestamptz     NOT NULL
);
CREATE INDEX paper_position_changes_by_time ON paper.position_changes (account, symbol, changed_at DESC);
