package io.positrack.position.venue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.position.lifecycle.PositionChange;

/**
 * The venue orders a position's recorded state asks for, rebuilt from the row alone. The handlers that
 * decide an order and the {@link IntentSweeper} that re-sends a lost one use the same construction, so a
 * re-sent order carries exactly the client order id, side and quantity of the original intent.
 */
public final class OrderIntents {

    private OrderIntents() {
    }

    /** The entry order: a market order for the whole quantity, id written when the position opened. */
    public static Optional<OrderRequest> entry(PositionSnapshot p) {
        return ClientOrderId.parse(p.entryOrderId()).map(id -> new OrderRequest(p.account(), p.venue(), p.symbol(), id,
                p.side(), p.quantity(), OrderType.MARKET, null, false));
    }

    /** The exit order of a closing position: reduce-only, for what is still open on the venue. */
    public static Optional<OrderRequest> exit(PositionSnapshot p) {
        return ClientOrderId.parse(p.exitOrderId()).map(id -> new OrderRequest(p.account(), p.venue(), p.symbol(), id,
                p.side().opposite(), p.remainingQuantity(), OrderType.MARKET, null, true));
    }

    /**
     * The CLOSING transition of {@code p}: the next exit attempt's client order id and the close reason,
     * recorded before the exit order is sent ({@link #exit} builds that order from the result).
     */
    public static PositionSnapshot closing(PositionSnapshot p, String reason, Instant now) {
        int attempt = p.exitAttempt() + 1;
        ClientOrderId exitId = new ClientOrderId(p.id(), OrderRole.EXIT, attempt);
        return PositionChange.of(p).status(PositionStatus.CLOSING).exitOrder(exitId.toString(), attempt, reason).next(now);
    }

    public static List<VenueAction> place(Optional<OrderRequest> order) {
        return order.<List<VenueAction>>map(o -> List.of(new VenueAction.Place(o))).orElse(List.of());
    }
}
