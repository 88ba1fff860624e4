package io.positrack.contracts.venue;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.positrack.contracts.position.Side;

/**
 * An order update on {@code venue-events}, keyed by symbol: the venue accepted, filled, cancelled or
 * rejected an order that Positrack placed under {@code clientOrderId}.
 *
 * @param eventTime when the venue emitted the update (Binance {@code E})
 * @param transactionTime when the venue's matching engine acted (Binance {@code T})
 * @param filledQuantity cumulative quantity filled so far (Binance {@code z})
 * @param averagePrice average price of everything filled so far (Binance {@code ap})
 * @param tradeId unique per fill; a replayed fill carries the same id and is applied once
 * @param lastFilledQuantity quantity of this fill alone (Binance {@code l}); null when the update is not a fill
 * @param lastFilledPrice price of this fill alone (Binance {@code L})
 * @param commission what the venue charged for this fill alone (Binance {@code n}), in {@code commissionAsset}; a
 *     cost when positive, a rebate when negative; null when the update is not a fill or the venue did not say
 *     (records written before the field existed)
 * @param commissionAsset the asset the commission was charged in (Binance {@code N}: USDT, or BNB when fees are paid
 *     in BNB); null when there is no commission
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderUpdate(
        String account,
        String venue,
        String symbol,
        String clientOrderId,
        String venueOrderId,
        Side side,
        OrderStatus status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal filledQuantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averagePrice,
        String tradeId,
        String reason,
        Instant eventTime,
        Instant transactionTime,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastFilledQuantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastFilledPrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commission,
        String commissionAsset) {

    /** The canonical constructor is the one JSON is read through (there is a shorter one for updates without commission). */
    @JsonCreator
    public OrderUpdate {
    }

    /** An update without commission: not a fill, or a venue that charges none. */
    public OrderUpdate(String account, String venue, String symbol, String clientOrderId, String venueOrderId, Side side,
            OrderStatus status, BigDecimal filledQuantity, BigDecimal averagePrice, String tradeId, String reason, Instant eventTime,
            Instant transactionTime, BigDecimal lastFilledQuantity, BigDecimal lastFilledPrice) {
        this(account, venue, symbol, clientOrderId, venueOrderId, side, status, filledQuantity, averagePrice, tradeId, reason,
                eventTime, transactionTime, lastFilledQuantity, lastFilledPrice, null, null);
    }

    /** The same update with this fill's commission. */
    public OrderUpdate withCommission(BigDecimal amount, String asset) {
        return new OrderUpdate(account, venue, symbol, clientOrderId, venueOrderId, side, status, filledQuantity, averagePrice, tradeId,
                reason, eventTime, transactionTime, lastFilledQuantity, lastFilledPrice, amount, asset);
    }

    /**
     * Whether this update reports a trade (a fill or a partial fill) rather than a change of order state only. Derived,
     * so not written: it is no field of the contract (the schema check of #21 found it on every paper venue update).
     */
    @JsonIgnore
    public boolean isFill() {
        return (status == OrderStatus.FILLED || status == OrderStatus.PARTIALLY_FILLED) && filledQuantity != null
                && filledQuantity.signum() > 0;
    }
}
