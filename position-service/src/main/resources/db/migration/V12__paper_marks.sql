-- The paper venue's latest prices, one row per symbol: a stop loss or take profit the market has already passed when
-- it is placed is refused (as Binance refuses it with -2021) instead of resting on the book. Bounded by the symbols.
CREATE TABLE paper.marks (
    symbol      text PRIMARY KEY,
    bid         numeric(38, 18) NOT NULL,
    ask         numeric(38, 18) NOT NULL,
    updated_at  timestamptz NOT NULL
);
