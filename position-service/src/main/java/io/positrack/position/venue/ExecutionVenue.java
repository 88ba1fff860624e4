package io.positrack.position.venue;

import io.smallrye.mutiny.Uni;

/**
 * The port to an exchange. Fills and order updates do not come back through this interface: the
 * venue reports them on {@code venue-events}, so the paper venue and a real venue feed the same code.
 */
public interface ExecutionVenue {

    /** The venue name positions carry ({@code paper}, {@code binance-usdm}, ...). */
    String name();

    /** Places an order; idempotent by client order id. */
    Uni<Placement> place(OrderRequest request);

    /** Cancels an order if it is still working; cancelling a finished or unknown order is not an error. */
    Uni<Void> cancel(String account, String symbol, String clientOrderId);

    /** Cancels the working stop loss and take profit orders of a position. */
    Uni<Void> cancelProtection(String account, String symbol, long positionId);
}
