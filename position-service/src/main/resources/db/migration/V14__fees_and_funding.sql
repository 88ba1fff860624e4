-- Fees and funding (issue #18): realized PnL is reported gross, with fees, funding and net.

-- Per position: commissions in the settlement asset (positive a cost), funding (positive received) and commissions in
-- other assets ({"BNB": "0.0012"}), which net PnL leaves out. NULL: none yet (positions from before this migration).
ALTER TABLE positions
    ADD COLUMN fees        numeric(38, 18),
    ADD COLUMN funding     numeric(38, 18),
    ADD COLUMN other_fees  jsonb;

-- Each fill's own commission, with its asset, as the venue reported it. A replayed fill keeps its row
-- (outcome duplicate_trade) and is charged never: fees count only the trade id's first arrival.
ALTER TABLE venue_order_updates
    ADD COLUMN commission        numeric(38, 18),
    ADD COLUMN commission_asset  text;

-- Every funding payment the venue reported, once per payment id, with the position it was attributed to
-- (the one of its key that was open at the funding time; NULL when none was).
CREATE TABLE funding_payments (
    venue        text            NOT NULL,
    account      text            NOT NULL,
    payment_id   text            NOT NULL,
    symbol       text            NOT NULL,
    asset        text            NOT NULL,
    amount       numeric(38, 18) NOT NULL,
    paid_at      timestamptz     NOT NULL,
    position_id  bigint,
    outcome      text            NOT NULL,
    received_at  timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (venue, account, payment_id)
);
CREATE INDEX funding_payments_by_position ON funding_payments (position_id) WHERE position_id IS NOT NULL;
CREATE INDEX funding_payments_by_age ON funding_payments (received_at);
