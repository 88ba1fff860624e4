package io.positrack.position.reconciliation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.position.venue.OpenOrder;
import io.positrack.position.venue.OrderRequest;
import io.positrack.position.venue.UnconfirmedCancels;

/**
 * What to do about one account's orders on one venue, decided from the venue's list of working orders and the
 * orders its open positions want ({@code WantedOrders}). Pure: the {@link ProtectionReconciler} reads, this decides.
 *
 * <ul>
 * <li>Every working order with a Positrack id that no open position wants is a <em>leftover</em> (an old attempt's
 * stop after a stops update, a stop of a closed position, an entry or exit nobody waits for): cancel it. Orders
 * that are not Positrack's are left alone.</li>
 * <li>A stop loss or take profit an ACTIVE position wants that the venue does not list is <em>missing</em>. It is
 * acted on only when the previous round found it missing too: a placement in flight, or a stops update committed
 * between the two reads, looks missing once. Entries, exits and PENDING_SL protection are the sweeper's: their
 * intents are recent and it resolves them by lookup.</li>
 * <li>An unconfirmed cancel none of whose orders the venue lists any more is <em>confirmed</em>.</li>
 * </ul>
 * The venue is read before the database: an order on the venue was placed after its decision committed, so the
 * database read knows every position whose order the venue lists.
 */
public final class ProtectionPlan {

    /** An open position with the orders it wants working. */
    public record Wanting(PositionSnapshot position, List<OrderRequest> wanted) {
    }

    /**
     * @param leftovers Positrack orders no open position wants: to cancel
     * @param missing wanted protection of ACTIVE positions the venue does not list (this round)
     * @param missingTwice those of {@code missing} the previous round found missing as well: to look up, then place
     * @param confirmed unconfirmed cancels the venue's list now confirms
     */
    public record Plan(List<OpenOrder> leftovers, List<OrderRequest> missing, List<OrderRequest> missingTwice,
            List<UnconfirmedCancels.Pending> confirmed) {

        public Set<String> missingIds() {
            Set<String> ids = new HashSet<>();
            missing.forEach(o -> ids.add(o.clientOrderId().toString()));
            return ids;
        }
    }

    private ProtectionPlan() {
    }

    public static Plan decide(List<OpenOrder> working, List<Wanting> open, Set<String> missingLastRound,
            List<UnconfirmedCancels.Pending> unconfirmed) {
        Set<String> wantedIds = new HashSet<>();
        open.forEach(w -> w.wanted().forEach(o -> wantedIds.add(o.clientOrderId().toString())));
        Set<String> workingIds = new HashSet<>();
        working.forEach(o -> workingIds.add(o.clientOrderId()));

        List<OpenOrder> leftovers = new ArrayList<>();
        for (OpenOrder o : working) {
            if (o.positrackId().isPresent() && !wantedIds.contains(o.clientOrderId())) {
                leftovers.add(o);
            }
        }
        List<OrderRequest> missing = new ArrayList<>();
        List<OrderRequest> missingTwice = new ArrayList<>();
        for (Wanting w : open) {
            if (w.position().status() != PositionStatus.ACTIVE) {
                continue;
            }
            for (OrderRequest o : w.wanted()) {
                String id = o.clientOrderId().toString();
                if (!workingIds.contains(id)) {
                    missing.add(o);
                    if (missingLastRound.contains(id)) {
                        missingTwice.add(o);
                    }
                }
            }
        }
        List<UnconfirmedCancels.Pending> confirmed = new ArrayList<>();
        for (UnconfirmedCancels.Pending p : unconfirmed) {
            if (working.stream().noneMatch(p::covers)) {
                confirmed.add(p);
            }
        }
        return new Plan(leftovers, missing, missingTwice, confirmed);
    }
}
