-- Inbox identity (issue #14). A command id is chosen by its sender, so it is unique only within an
-- account: the same id from another account is another command. And the same id from the same account
-- with other content is not a redelivery: content_hash (SHA-256 hex of the canonical content) tells
-- the two apart. NULL means "not compared": sources whose ids already name their content (venue order
-- updates, position reports) and rows claimed before this migration.
ALTER TABLE inbox ADD COLUMN account text NOT NULL DEFAULT '';
ALTER TABLE inbox ADD COLUMN content_hash text;

-- Commands claimed before this migration get their account back from the result written in the same
-- transaction (the outbox keeps every row). Without it, a command redelivered across the upgrade would
-- find no row under its account and be applied a second time.
UPDATE inbox i
SET account = o.payload ->> 'account'
FROM outbox o
WHERE i.source = 'position-commands'
  AND o.type = 'io.positrack.command.Result'
  AND o.payload ->> 'commandId' = i.message_id
  AND o.payload ->> 'account' IS NOT NULL;

ALTER TABLE inbox DROP CONSTRAINT inbox_pkey;
ALTER TABLE inbox ADD PRIMARY KEY (source, account, message_id);
