package io.positrack.position.venue;

/** Something to tell the venue once the transaction that decided it has committed. */
public sealed interface VenueAction {

    String venue();

    record Place(OrderRequest order) implements VenueAction {
        @Override
        public String venue() {
            return order.venue();
        }
    }

    /**
     * An exit decided on a stored observation that says the venue holds none: the venue is asked first, and the
     * exit is sent unless it answers, freshly, that it holds none (then the exit is recorded as refused, and the
     * position closes as reconciled without an order).
     */
    record ExitIfHeld(OrderRequest order, io.positrack.contracts.position.Side positionSide) implements VenueAction {
        @Override
        public String venue() {
            return order.venue();
        }
    }

    record Cancel(String venue, String account, String symbol, String clientOrderId) implements VenueAction {
    }

    /**
     * Cancel the stop loss and take profit orders of one position, whatever attempt placed them, except those of
     * {@code keepAttempt} (the protection a stops update has just placed; 0 keeps none).
     */
    record CancelProtection(String venue, String account, String symbol, long positionId, int keepAttempt) implements VenueAction {

        public CancelProtection(String venue, String account, String symbol, long positionId) {
            this(venue, account, symbol, positionId, 0);
        }
    }
}
