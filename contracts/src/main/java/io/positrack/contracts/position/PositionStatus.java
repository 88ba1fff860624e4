package io.positrack.contracts.position;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a position is in its lifecycle. Every status but {@link #CLOSED} and {@link #ROLLED_BACK} is
 * open, and the database allows at most one open position per (account, venue, symbol).
 */
public enum PositionStatus {
    PENDING_ENTRY,
    ENTRY_PLACED,
    PENDING_SL,
    ACTIVE,
    CLOSING,
    CLOSED,
    ROLLED_BACK;

    public static final Set<PositionStatus> OPEN = EnumSet.of(PENDING_ENTRY, ENTRY_PLACED, PENDING_SL, ACTIVE, CLOSING);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
