package io.positrack.position.venue;

import java.math.BigDecimal;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.ClientOrderId;

/**
 * An order to place. The client order id is written to the database before the order is sent, so a
 * retry after a crash sends the same id and the venue recognises it.
 */
public record OrderRequest(String account, String venue, String symbol, ClientOrderId clientOrderId, Side side,
        BigDecimal quantity, OrderType type, BigDecimal triggerPrice, boolean reduceOnly) {

    /**
     * The update Positrack records itself when this order ended without a fill and no venue stream will say so
     * (refused in the venue's answer, or never sent): nothing filled, no venue order id.
     */
    public io.positrack.contracts.venue.OrderUpdate endedUnfilled(io.positrack.contracts.venue.OrderStatus status, String reason,
            java.time.Instant eventTime, java.time.Instant transactionTime) {
        return new io.positrack.contracts.venue.OrderUpdate(account, venue, symbol, clientOrderId.toString(), null, side, status,
                BigDecimal.ZERO, null, null, reason, eventTime, transactionTime, null, null);
    }
}
