package io.positrack.position.venue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade (fill) of an order as the venue lists it over REST (Binance: Account Trade List): what the stream's fill
 * event would have said of it alone, so that a fill learned by a lookup can still be applied trade by trade.
 *
 * @param tradeId the venue's id of the trade, the same the stream's fill carries (Binance {@code id} = {@code t})
 * @param venueOrderId the venue's id of the order the trade filled
 * @param commission what the venue charged for this trade, in {@code commissionAsset}; a cost when positive, null
 *     when none
 * @param time when the venue's matching engine made the trade
 */
public record VenueTrade(String tradeId, String venueOrderId, BigDecimal quantity, BigDecimal price, BigDecimal commission,
        String commissionAsset, Instant time) {
}
