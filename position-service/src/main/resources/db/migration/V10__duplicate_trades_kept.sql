-- A fill replayed under another status label is kept as a row of its own (outcome 'duplicate_trade'), as every
-- other update is. The trade id stays unique among the rows that count: the first arrival of each trade, whatever
-- it led to. A duplicate is inserted with its outcome already set, so it never competes for the trade id.
DROP INDEX venue_order_updates_one_per_trade;
CREATE UNIQUE INDEX venue_order_updates_one_per_trade ON venue_order_updates (venue, account, symbol, trade_id)
    WHERE trade_id IS NOT NULL AND outcome IS DISTINCT FROM 'duplicate_trade';
