-- The symbol of every position seen on position-events, with or without a signal: what a chat's "/close #ID" needs
-- to put the close on its symbol's stream. One small row per position (position-service keeps the positions
-- themselves); written by the same transaction-free upsert for redeliveries, so replaying the topic is harmless.
CREATE TABLE position_symbols (
    position_id bigint PRIMARY KEY,
    account     text   NOT NULL,
    symbol      text   NOT NULL
);
