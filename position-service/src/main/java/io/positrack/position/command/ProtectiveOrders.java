package io.positrack.position.command;

import java.util.ArrayList;
import java.util.List;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.position.venue.OrderRequest;
import io.positrack.position.venue.OrderType;
import io.positrack.position.venue.VenueAction;

/**
 * Stop loss and take profit orders of a position. Their client order ids carry the position version
 * that set the stops, so moving the stops places new orders with new ids and cancels the old ones.
 */
public final class ProtectiveOrders {

    private ProtectiveOrders() {
    }

    /**
     * Orders protecting {@code p} at its current stops. Their attempt number is the version of the
     * transition that decided them (the entry fill, or a stops update), so the ids are new whenever the
     * stops change and the {@code IntentSweeper} can rebuild the same ids from the audit trail.
     */
    public static List<VenueAction> place(PositionSnapshot p) {
        return place(p, Math.toIntExact(p.version()));
    }

    public static List<VenueAction> place(PositionSnapshot p, int attempt) {
        List<VenueAction> actions = new ArrayList<>();
        if (p.stopLoss() != null) {
            actions.add(new VenueAction.Place(new OrderRequest(p.account(), p.venue(), p.symbol(),
                    new ClientOrderId(p.id(), OrderRole.STOP_LOSS, attempt), p.side().opposite(), p.remainingQuantity(),
                    OrderType.STOP_MARKET, p.stopLoss(), true)));
        }
        if (p.takeProfit() != null) {
            actions.add(new VenueAction.Place(new OrderRequest(p.account(), p.venue(), p.symbol(),
                    new ClientOrderId(p.id(), OrderRole.TAKE_PROFIT, attempt), p.side().opposite(), p.remainingQuantity(),
                    OrderType.TAKE_PROFIT_MARKET, p.takeProfit(), true)));
        }
        return actions;
    }

    /**
     * After a stops update: the new orders first, then every earlier attempt's cancelled. Placing before cancelling
     * keeps the position protected throughout (both are reduce-only, so two working for a moment cannot overshoot),
     * and the cancel names the attempt it keeps, so repeating it later (an unconfirmed cancel) never cancels the new ones.
     */
    public static List<VenueAction> replace(PositionSnapshot p) {
        List<VenueAction> actions = new ArrayList<>(place(p));
        actions.add(new VenueAction.CancelProtection(p.venue(), p.account(), p.symbol(), p.id(), Math.toIntExact(p.version())));
        return actions;
    }

    /** Cancels every protective order the position may have working (cancelling none is harmless). */
    public static List<VenueAction> cancelAll(PositionSnapshot p) {
        return List.of(new VenueAction.CancelProtection(p.venue(), p.account(), p.symbol(), p.id()));
    }
}
