package io.positrack.position.venue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;

/**
 * Which trades of a looked-up order Positrack has not seen one by one, and what the stream would have said of each.
 *
 * <p>A lookup (Binance: Query Order) says how much an order filled and at what average, but not its trades: no trade
 * id, no price of each, no commission. A fill learned that way alone would never be charged. When the order filled
 * more than the trades the ledger holds for it, its trades are listed ({@link ExecutionVenue#trades}) and each one the
 * ledger does not hold becomes the update its fill event would have been: its trade id, its own quantity and price, its
 * commission, and the order's cumulative quantity and average price up to it. Applied through the same
 * {@link OrderUpdateHandler} as a streamed fill, a trade that also arrives on the stream counts once (its trade id).
 * Pure: unit-tested in {@code MissedTradesTest}.
 */
public final class MissedTrades {

    /** Average prices carry at least this many decimals (Binance quotes prices to 8 at most). */
    private static final int AVERAGE_SCALE = 8;

    private MissedTrades() {
    }

    /**
     * Whether the order's trades are worth listing: the lookup found it filled beyond the quantity of the trades the
     * ledger holds for it ({@code recorded}: trade id → that trade's own quantity, null when not known).
     */
    public static boolean worthListing(OrderUpdate found, Map<String, BigDecimal> recorded) {
        if (!filledAny(found)) {
            return false;
        }
        BigDecimal traded = BigDecimal.ZERO;
        for (BigDecimal quantity : recorded.values()) {
            traded = quantity == null ? traded : traded.add(quantity);
        }
        return found.filledQuantity().compareTo(traded) > 0;
    }

    /**
     * The fill updates of the trades in {@code trades} (the order's, oldest first) whose ids {@code recorded} lacks, in
     * order. Only trades within the quantity the lookup found count: a trade beyond it is newer than the lookup and is
     * heard the way later fills are. The trade that brings the order to that quantity is {@code FILLED} when the lookup
     * found the order filled, every other one {@code PARTIALLY_FILLED} (an order that ended after part of it filled is
     * then applied as the lookup found it).
     */
    public static List<OrderUpdate> missing(OrderUpdate found, List<VenueTrade> trades, Map<String, BigDecimal> recorded) {
        List<OrderUpdate> missing = new ArrayList<>();
        if (!filledAny(found)) {
            return missing;
        }
        BigDecimal filled = found.filledQuantity();
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (VenueTrade t : trades) {
            if (t.quantity() == null || t.quantity().signum() <= 0 || t.price() == null || t.price().signum() <= 0) {
                continue; // no fill: nothing a stream event would have reported
            }
            BigDecimal next = cumulative.add(t.quantity());
            if (next.compareTo(filled) > 0) {
                break;
            }
            cumulative = next;
            notional = notional.add(t.quantity().multiply(t.price()));
            if (recorded.containsKey(t.tradeId())) {
                continue;
            }
            OrderStatus status = cumulative.compareTo(filled) == 0 && found.status() == OrderStatus.FILLED ? OrderStatus.FILLED
                    : OrderStatus.PARTIALLY_FILLED;
            BigDecimal average = strip(notional.divide(cumulative, Math.max(AVERAGE_SCALE, t.price().scale()), RoundingMode.HALF_EVEN));
            boolean charged = t.commission() != null && t.commission().signum() != 0;
            missing.add(new OrderUpdate(found.account(), found.venue(), found.symbol(), found.clientOrderId(),
                    t.venueOrderId() != null ? t.venueOrderId() : found.venueOrderId(), found.side(), status, strip(cumulative), average,
                    t.tradeId(), null, t.time() != null ? t.time() : found.eventTime(), t.time() != null ? t.time() : found.transactionTime(),
                    strip(t.quantity()), strip(t.price()), charged ? strip(t.commission()) : null, charged ? t.commissionAsset() : null));
        }
        return missing;
    }

    /** Whether the order filled anything, whatever its status: one cancelled or expired after a partial fill did too. */
    public static boolean filledAny(OrderUpdate found) {
        return found.filledQuantity() != null && found.filledQuantity().signum() > 0;
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
