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

    record Cancel(String venue, String account, String symbol, String clientOrderId) implements VenueAction {
    }

    /** Cancel the stop loss and take profit orders of one position, whatever attempt placed them. */
    record CancelProtection(String venue, String account, String symbol, long positionId) implements VenueAction {
    }
}
