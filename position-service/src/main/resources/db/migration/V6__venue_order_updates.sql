-- Partial fills, trade ids and venue times (issue 6).

-- Every order update a venue reported, with the venue's own times (Binance E and T) and what it led to.
-- A fill is recorded once per trade id: a replayed fill, however it is labelled, is applied once.
CREATE TABLE venue_order_updates (
    seq                   bigserial       PRIMARY KEY,
    account               text            NOT NULL,
    venue                 text            NOT NULL,
    symbol                text            NOT NULL,
    client_order_id       text            NOT NULL,
    venue_order_id        text,
    status                text            NOT NULL,
    trade_id              text,
    filled_quantity       numeric(38, 18),
    average_price         numeric(38, 18),
    last_filled_quantity  numeric(38, 18),
    last_filled_price     numeric(38, 18),
    event_time            timestamptz,
    transaction_time      timestamptz,
    reason                text,
    received_at           timestamptz     NOT NULL DEFAULT now(),
    -- 'applied', or why the update changed nothing (not_applicable, unknown_position, ...); null while in flight
    outcome               text
);

CREATE UNIQUE INDEX venue_order_updates_one_per_trade ON venue_order_updates (venue, account, symbol, trade_id)
    WHERE trade_id IS NOT NULL;
CREATE INDEX venue_order_updates_by_order ON venue_order_updates (venue, client_order_id);

-- The paper venue can now fill an order in parts: an order partly filled is still working.
DROP INDEX paper.paper_orders_working;
CREATE INDEX paper_orders_working ON paper.orders (symbol) WHERE status IN ('NEW', 'PARTIALLY_FILLED');
