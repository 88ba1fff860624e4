package io.positrack.position.venue;

import java.math.BigDecimal;
import java.util.Optional;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.ClientOrderId;

/**
 * One order the venue lists as working (new or partly filled) for an account, as the venue states it now.
 * Orders that are not Positrack's (placed by hand or by another tool) are listed too: {@link #positrackId()}
 * is empty for them, and reconciliation leaves them alone.
 *
 * @param type the order's type when it is one Positrack places, else null (a foreign limit order, say)
 * @param quantity the order's original quantity; {@code triggerPrice} is null for orders without a trigger
 */
public record OpenOrder(String account, String venue, String symbol, String clientOrderId, Side side, OrderType type,
        BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly) {

    /** The position and role the order belongs to, when its client order id is one Positrack gave. */
    public Optional<ClientOrderId> positrackId() {
        return ClientOrderId.parse(clientOrderId);
    }
}
