package io.positrack.position.reconciliation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.position.command.ProtectiveOrders;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.venue.VenueAction;

/**
 * Closing a position the venue no longer holds: no exit order, close reason {@value #REASON}, and whatever
 * the position still has working on the venue (an entry, protection, an exit) cancelled. Used by reconciliation for
 * a confirmed ghost and by a close command that finds the venue flat.
 */
public final class ReconciledClose {

    public static final String REASON = "RECONCILED";

    private ReconciledClose() {
    }

    /** The CLOSED version of {@code p}, with nothing filled on exit. */
    public static PositionSnapshot of(PositionSnapshot p, Instant now) {
        return PositionChange.of(p).status(PositionStatus.CLOSED).closed(null, null, REASON, now).next(now);
    }

    /** What to cancel on the venue once the close has committed. */
    public static List<VenueAction> cancellations(PositionSnapshot p) {
        List<VenueAction> after = new ArrayList<>(ProtectiveOrders.cancelAll(p));
        // An entry still working would fill later into a position nobody holds (an orphan): cancel it too.
        if (p.entryOrderId() != null && (p.status() == PositionStatus.PENDING_ENTRY || p.status() == PositionStatus.ENTRY_PLACED)) {
            after.add(new VenueAction.Cancel(p.venue(), p.account(), p.symbol(), p.entryOrderId()));
        }
        if (p.exitOrderId() != null) {
            after.add(new VenueAction.Cancel(p.venue(), p.account(), p.symbol(), p.exitOrderId()));
        }
        return after;
    }
}
