-- The kill switch (/pause, PauseEntries): new entries of an account, on one symbol or on all ('*'), are refused while
-- a row is here. Exits are never paused. A row is removed by ResumeEntries; nothing prunes it by age.
CREATE TABLE entry_pauses (
    account     text        NOT NULL,
    scope       text        NOT NULL,  -- a symbol, or '*' for every symbol of the account
    reason      text,
    command_id  text        NOT NULL,
    paused_at   timestamptz NOT NULL,
    PRIMARY KEY (account, scope)
);

-- /profit and /daily (PnlReport) sum an account's closed positions by close time.
CREATE INDEX positions_closed_by_account ON positions (account, closed_at) WHERE status = 'CLOSED';
