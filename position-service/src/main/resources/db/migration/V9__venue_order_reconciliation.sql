-- Reconciliation of orders as well as positions (issue 15).

-- Cancels of Positrack's orders that the venue has not confirmed yet. A row is written before the cancel is
-- sent and deleted once the venue confirms it: by answering the cancel, or by no longer listing the order as
-- working. While a row exists for a key no entry order is sent on that key, so a protective order left working
-- after its position closed cannot fire against the next position of the symbol.
CREATE TABLE venue_cancels (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account          text        NOT NULL,
    venue            text        NOT NULL,
    symbol           text        NOT NULL,
    position_id      bigint      NOT NULL,
    -- One order by its client order id; null: the position's protective orders, except those of keep_attempt
    -- (the protection the position wants now after a stops update; null or 0: none is kept).
    client_order_id  text,
    keep_attempt     integer,
    requested_at     timestamptz NOT NULL DEFAULT now(),
    attempts         integer     NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    last_error       text
);
CREATE INDEX venue_cancels_by_key ON venue_cancels (account, venue, symbol);

-- What protective-order reconciliation changed on the venue, and why: the operators' record of every repair.
CREATE TABLE venue_order_repairs (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repaired_at      timestamptz NOT NULL DEFAULT now(),
    account          text        NOT NULL,
    venue            text        NOT NULL,
    symbol           text        NOT NULL,
    client_order_id  text        NOT NULL,
    position_id      bigint,
    action           text        NOT NULL CHECK (action IN ('CANCELLED_LEFTOVER', 'PLACED_MISSING', 'RENEWED_PROTECTION',
                                                            'APPLIED_FOUND_STATE')),
    detail           text
);
CREATE INDEX venue_order_repairs_by_key ON venue_order_repairs (account, venue, symbol, repaired_at DESC);
