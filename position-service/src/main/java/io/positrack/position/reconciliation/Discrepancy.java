package io.positrack.position.reconciliation;

import java.math.BigDecimal;
import java.util.Optional;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;

/**
 * How the database's open position for a key and a fresh, complete venue report disagree. Pure: the
 * decision table of reconciliation, unit-tested on its own.
 */
public record Discrepancy(Kind kind, Side side, BigDecimal quantity, Long positionId) {

    public enum Kind {
        /** Database and venue agree. */
        IN_SYNC,
        /** The database's position has not filled yet: the venue may be ahead of our order updates; no conclusion. */
        ENTRY_PENDING,
        /** The venue holds a position the database has no open row for. */
        ORPHAN,
        /** The database holds a filled position the venue does not (flat, or only the other side). */
        GHOST,
        /** Same side, different size: the database follows the venue. */
        SIZE_MISMATCH
    }

    public static Discrepancy between(Optional<PositionSnapshot> open, VenuePositionReport report) {
        if (open.isEmpty()) {
            return report.flat() ? inSync() : new Discrepancy(Kind.ORPHAN, report.side(), report.quantity(), null);
        }
        PositionSnapshot p = open.get();
        if (p.status() == PositionStatus.PENDING_ENTRY || p.status() == PositionStatus.ENTRY_PLACED) {
            return new Discrepancy(Kind.ENTRY_PENDING, null, report.quantity(), p.id());
        }
        if (report.flat() || report.side() != p.side()) {
            return new Discrepancy(Kind.GHOST, p.side(), report.quantity(), p.id());
        }
        if (report.quantity().compareTo(p.remainingQuantity()) != 0) {
            return new Discrepancy(Kind.SIZE_MISMATCH, p.side(), report.quantity(), p.id());
        }
        return inSync();
    }

    private static Discrepancy inSync() {
        return new Discrepancy(Kind.IN_SYNC, null, BigDecimal.ZERO, null);
    }

    /** Whether acting on it needs confirmation (a discrepancy), or it is simply the state of things. */
    public boolean actionable() {
        return kind == Kind.ORPHAN || kind == Kind.GHOST || kind == Kind.SIZE_MISMATCH;
    }
}
