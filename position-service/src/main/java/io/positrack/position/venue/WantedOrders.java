package io.positrack.position.venue;

import java.util.ArrayList;
import java.util.List;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.command.EntryCancellation;
import io.positrack.position.command.ProtectiveOrders;

/**
 * The orders a position wants working on the venue now, rebuilt from its row and its protection attempt (the
 * version of the transition that decided its current stops, {@code PositionRepository.protectionAttempts}). One
 * home for "what should the venue hold for this position", used by protective-order reconciliation, by the sweeper
 * that re-sends a lost protection, and by the lookups after a stream gap. Whatever Positrack order the venue lists
 * that no open position wants is a leftover.
 */
public final class WantedOrders {

    private WantedOrders() {
    }

    /**
     * <ul>
     * <li>PENDING_ENTRY, ENTRY_PLACED: the entry, unless a close asked for it to be cancelled;</li>
     * <li>PENDING_SL, ACTIVE: the stop loss and take profit of {@code protectionAttempt} (none without an attempt);</li>
     * <li>CLOSING: the current exit (its protection was cancelled when the close was decided);</li>
     * <li>CLOSED, ROLLED_BACK: nothing.</li>
     * </ul>
     */
    public static List<OrderRequest> of(PositionSnapshot p, Integer protectionAttempt) {
        List<OrderRequest> wanted = new ArrayList<>();
        switch (p.status()) {
            case PENDING_ENTRY, ENTRY_PLACED -> {
                if (!EntryCancellation.requested(p)) {
                    OrderIntents.entry(p).ifPresent(wanted::add);
                }
            }
            case PENDING_SL, ACTIVE -> protection(p, protectionAttempt).forEach(wanted::add);
            case CLOSING -> OrderIntents.exit(p).ifPresent(wanted::add);
            default -> {
                // A finished position wants nothing working.
            }
        }
        return wanted;
    }

    /** The stop loss and take profit {@code p} wants at its protection attempt; none without one. */
    public static List<OrderRequest> protection(PositionSnapshot p, Integer protectionAttempt) {
        if (protectionAttempt == null || protectionAttempt < 1) {
            return List.of();
        }
        return ProtectiveOrders.place(p, protectionAttempt).stream().map(a -> ((VenueAction.Place) a).order()).toList();
    }
}
