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
}
