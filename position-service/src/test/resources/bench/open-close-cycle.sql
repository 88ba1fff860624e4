-- One open -> close cycle as position-service executes it, for the benchmark's baseline (pgbench format).
-- Six transactions: the two command transactions, the paper venue's order insert and cancel, the two
-- venue-acknowledgement transactions, then the relay marking the cycle's outbox rows published.
-- Payload sizes match the service's JSON (about 0.7 KB per event, 0.8 KB per result).
\set n random(1, 2000000000)
-- OpenPosition command
BEGIN;
INSERT INTO inbox (source, message_id) VALUES ('position-commands', 'open-' || :client_id || '-' || :n) ON CONFLICT DO NOTHING;
INSERT INTO positions (account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity, origin, version, opened_at, updated_at) VALUES ('bench-' || :client_id, 'paper', 'S' || :n, 'BUY', 'PENDING_ENTRY', 1, 0, 0, 'COMMAND', 1, now(), now()) ON CONFLICT DO NOTHING RETURNING id AS pid \gset
UPDATE positions SET entry_order_id = 'pt-' || :pid || '-e-1' WHERE id = :pid;
INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at) VALUES (:pid, 1, 'PositionOpened', 'PENDING_ENTRY', 'open', jsonb_build_object('p', repeat('x', 700)), now());
INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (gen_random_uuid(), 'position-events', 'S' || :n, 'e', jsonb_build_object('p', repeat('x', 700))) RETURNING seq AS s1 \gset
INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (gen_random_uuid(), 'command-results', 'S' || :n, 'r', jsonb_build_object('p', repeat('x', 800))) RETURNING seq AS s2 \gset
COMMIT;
-- the paper venue accepts the entry order
INSERT INTO paper.orders (client_order_id, account, symbol, side, quantity, type, reduce_only, status) VALUES ('pt-' || :pid || '-e-1', 'bench-' || :client_id, 'S' || :n, 'BUY', 1, 'MARKET', false, 'NEW') ON CONFLICT (client_order_id) DO NOTHING;
-- its acknowledgement: PENDING_ENTRY -> ENTRY_PLACED
BEGIN;
INSERT INTO inbox (source, message_id) VALUES ('venue-events', 'ack-' || :pid) ON CONFLICT DO NOTHING;
SELECT id FROM positions WHERE id = :pid FOR UPDATE;
UPDATE positions SET status = 'ENTRY_PLACED', version = 2, updated_at = now() WHERE id = :pid AND version = 1 AND status IN ('PENDING_ENTRY');
INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at) VALUES (:pid, 2, 'PositionEntryPlaced', 'ENTRY_PLACED', 'ack', jsonb_build_object('p', repeat('x', 700)), now());
INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (gen_random_uuid(), 'position-events', 'S' || :n, 'e', jsonb_build_object('p', repeat('x', 700))) RETURNING seq AS s3 \gset
COMMIT;
-- ClosePosition command: cancel of the unfilled entry requested
BEGIN;
INSERT INTO inbox (source, message_id) VALUES ('position-commands', 'close-' || :client_id || '-' || :n) ON CONFLICT DO NOTHING;
SELECT id FROM positions WHERE account = 'bench-' || :client_id AND venue = 'paper' AND symbol = 'S' || :n AND status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE', 'CLOSING') FOR UPDATE;
UPDATE positions SET close_reason = 'COMMAND', version = 3, updated_at = now() WHERE id = :pid AND version = 2 AND status IN ('PENDING_ENTRY', 'ENTRY_PLACED');
INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at) VALUES (:pid, 3, 'PositionCancelRequested', 'ENTRY_PLACED', 'close', jsonb_build_object('p', repeat('x', 700)), now());
INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (gen_random_uuid(), 'position-events', 'S' || :n, 'e', jsonb_build_object('p', repeat('x', 700))) RETURNING seq AS s4 \gset
INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (gen_random_uuid(), 'command-results', 'S' || :n, 'r', jsonb_build_object('p', repeat('x', 800))) RETURNING seq AS s5 \gset
COMMIT;
-- the paper venue cancels the order
UPDATE paper.orders SET status = 'CANCELED', updated_at = now() WHERE account = 'bench-' || :client_id AND symbol = 'S' || :n AND status = 'NEW' AND client_order_id = 'pt-' || :pid || '-e-1' RETURNING client_order_id, side;
-- its CANCELED update: ENTRY_PLACED -> ROLLED_BACK
BEGIN;
INSERT INTO inbox (source, message_id) VALUES ('venue-events', 'cancel-' || :pid) ON CONFLICT DO NOTHING;
SELECT id FROM positions WHERE id = :pid FOR UPDATE;
UPDATE positions SET status = 'ROLLED_BACK', closed_at = now(), version = 4, updated_at = now() WHERE id = :pid AND version = 3 AND status IN ('PENDING_ENTRY', 'ENTRY_PLACED');
INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at) VALUES (:pid, 4, 'PositionRolledBack', 'ROLLED_BACK', 'cancel', jsonb_build_object('p', repeat('x', 700)), now());
INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (gen_random_uuid(), 'position-events', 'S' || :n, 'e', jsonb_build_object('p', repeat('x', 700))) RETURNING seq AS s6 \gset
COMMIT;
-- the relay marks the cycle's rows published (the relay marks a batch by seq the same way)
UPDATE outbox SET published_at = now() WHERE seq = ANY (ARRAY[:s1, :s2, :s3, :s4, :s5, :s6]::bigint[]);
