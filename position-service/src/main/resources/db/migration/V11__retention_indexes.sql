-- Bounded storage (issue #16): the retention prune deletes old rows in small batches, each batch found through
-- one of these indexes on the age it is pruned by, so a batch reads what it deletes instead of scanning the table.

CREATE INDEX inbox_by_age ON inbox (processed_at);
-- The lines of reconciliation's own snapshots are kept only a day (never redelivered) but are most of the inbox:
-- their own index, so pruning them does not walk past the weeks of commands kept in front of them.
CREATE INDEX inbox_snapshot_lines_by_age ON inbox (processed_at) WHERE source = 'venue-snapshots';

-- Only published rows are ever pruned; unpublished and set-aside ones are kept whatever their age.
CREATE INDEX outbox_published_by_age ON outbox (published_at) WHERE published_at IS NOT NULL AND set_aside_at IS NULL;

CREATE INDEX venue_order_updates_by_age ON venue_order_updates (received_at);
CREATE INDEX reconciliation_observations_by_age ON reconciliation_observations (last_seen);
CREATE INDEX venue_order_repairs_by_age ON venue_order_repairs (repaired_at);
