-- Symbols on which new entries are refused: the venue's size differed from ours beyond the configured
-- tolerance, which means something outside Positrack trades the account. An operator looks, then lifts
-- the block (DELETE /admin/blocks/...).
CREATE TABLE entry_blocks (
    account      text            NOT NULL,
    venue        text            NOT NULL,
    symbol       text            NOT NULL,
    reason       text            NOT NULL,
    position_id  bigint,
    blocked_at   timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (account, venue, symbol)
);
