-- GET /commands/{commandId}: a command's result, looked up in the outbox rows that carried it to command-results.
-- Partial, so that only result rows pay for it; kept as long as the outbox retention keeps published rows.
CREATE INDEX outbox_command_results ON outbox ((payload->>'commandId'), seq) WHERE aggregatetype = 'command-results';
