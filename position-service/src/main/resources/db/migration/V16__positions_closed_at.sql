-- The dashboard's "realized PnL today" (BookGauges) sums every account's positions closed since midnight, every
-- 15 s on every replica: without this index that is a scan of all positions ever closed.
CREATE INDEX positions_closed_at ON positions (closed_at) WHERE status = 'CLOSED';
