-- The built-in paper venue's own book. Position code never reads these tables: it learns about
-- orders and fills only from venue-events, exactly as with a real exchange.
CREATE SCHEMA paper;

CREATE TABLE paper.orders (
    client_order_id  text PRIMARY KEY,
    account          text NOT NULL,
    symbol           text NOT NULL,
    side             text NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity         numeric(38, 18) NOT NULL CHECK (quantity > 0),
    type             text NOT NULL CHECK (type IN ('MARKET', 'STOP_MARKET', 'TAKE_PROFIT_MARKET')),
    trigger_price    numeric(38, 18),
    reduce_only      boolean NOT NULL,
    status           text NOT NULL,
    filled_quantity  numeric(38, 18) NOT NULL DEFAULT 0,
    average_price    numeric(38, 18),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX paper_orders_working ON paper.orders (symbol) WHERE status = 'NEW';

-- Signed net quantity per account and symbol (positive long, negative short).
CREATE TABLE paper.positions (
    account   text NOT NULL,
    symbol    text NOT NULL,
    quantity  numeric(38, 18) NOT NULL,
    PRIMARY KEY (account, symbol)
);
