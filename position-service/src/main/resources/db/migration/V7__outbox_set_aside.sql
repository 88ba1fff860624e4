-- A row the broker refuses for good (too large, invalid topic, unserialisable) is set aside instead of
-- being retried forever in front of every row behind it. A set-aside row is no longer "unpublished":
-- the relay and the lag gauge skip it; the invariant audit lists it until an operator retries it
-- (UPDATE outbox SET set_aside_at = NULL WHERE seq = ...) or removes it.
ALTER TABLE outbox
    ADD COLUMN set_aside_at     timestamptz,
    ADD COLUMN set_aside_reason text,
    -- The reason may outlive a retry (set_aside_at cleared, reason kept as history), not the other way round.
    ADD CONSTRAINT outbox_set_aside_has_reason CHECK (set_aside_at IS NULL OR set_aside_reason IS NOT NULL);

DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL AND set_aside_at IS NULL;

-- The audit lists the newest set-aside rows first.
CREATE INDEX outbox_set_aside ON outbox (set_aside_at DESC) WHERE set_aside_at IS NOT NULL;
