-- A signal opens at most one position, ever: a /getsignal that reaches position-service after the signal's
-- position has closed (signal-service's read model lagging behind) must not open a second one.
CREATE UNIQUE INDEX positions_one_per_signal ON positions (account, venue, signal_id) WHERE signal_id IS NOT NULL;
