-- telegram-gateway's own state: what makes "once" hold across replicas, restarts and redelivery.

-- Telegram updates already turned into a command or a direct reply. A redelivered update (not confirmed
-- before a crash or a leader change, or retried by Telegram after a webhook failure) is recognised here.
CREATE TABLE processed_updates (
    bot_id       bigint      NOT NULL,
    update_id    bigint      NOT NULL,
    outcome      text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, update_id)
);

-- One row per reply the gateway sends (to a command, a result, or a notification), claimed before the first
-- sendMessage and marked after the last: a second claim of the same key finds the row and sends nothing.
CREATE TABLE sent_replies (
    reply_key   text        PRIMARY KEY,
    chat_id     bigint      NOT NULL,
    kind        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('CLAIMED', 'SENT', 'FAILED')),
    claimed_by  text        NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    attempts    integer     NOT NULL DEFAULT 0,
    failure     text
);
CREATE INDEX sent_replies_claimed_at ON sent_replies (claimed_at);
CREATE INDEX processed_updates_processed_at ON processed_updates (processed_at);

-- Chats that asked (/start) for position notifications of their account; /stop removes the row.
CREATE TABLE subscriptions (
    chat_id       bigint      PRIMARY KEY,
    subscribed_at timestamptz NOT NULL DEFAULT now()
);
