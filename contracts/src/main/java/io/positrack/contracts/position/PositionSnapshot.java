package io.positrack.contracts.position;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The full state of one position at one version. Amounts travel as decimal strings, never as binary
 * floating point; times are UTC instants.
 *
 * @param quantity quantity the entry asked for
 * @param filledQuantity quantity the entry actually filled
 * @param remainingQuantity quantity still open on the venue (filled minus exited)
 * @param realizedPnl the price result of what was exited so far, before fees and funding; the same as
 *     {@code grossPnl}, kept for consumers written before fees were known
 * @param fees commissions of every fill of the position (entry, exits, stops) that were charged in the symbol's
 *     settlement asset (USDT for BTCUSDT): positive is a cost, negative a rebate; null when none was charged
 * @param funding funding payments of the position, signed as the account sees them: positive received, negative
 *     paid; null when there were none
 * @param otherFees commissions charged in another asset (BNB, say), one entry per asset; not part of {@code netPnl},
 *     since Positrack has no price to convert them at; null when there are none
 * @param grossPnl {@code realizedPnl}: the price result alone; null until something was exited
 * @param netPnl {@code grossPnl - fees + funding}, counting a missing one as zero; null when all three are missing.
 *     Always derived from the other fields, whatever a producer wrote
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PositionSnapshot(
        long id,
        String account,
        String venue,
        String symbol,
        Side side,
        PositionStatus status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal filledQuantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remainingQuantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entryPrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal exitPrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal realizedPnl,
        String closeReason,
        Origin origin,
        String signalId,
        String entryOrderId,
        String exitOrderId,
        int exitAttempt,
        long version,
        Instant openedAt,
        Instant updatedAt,
        Instant closedAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fees,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal funding,
        List<AssetAmount> otherFees,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal grossPnl,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal netPnl) {

    /** Gross and net follow from the realized PnL, the fees and the funding; what was passed for them is not used. */
    @JsonCreator
    public PositionSnapshot {
        grossPnl = realizedPnl;
        netPnl = NetPnl.of(realizedPnl, fees, funding);
        otherFees = otherFees == null || otherFees.isEmpty() ? null : List.copyOf(otherFees);
    }

    /** A position without fees or funding. */
    public PositionSnapshot(long id, String account, String venue, String symbol, Side side, PositionStatus status, BigDecimal quantity,
            BigDecimal filledQuantity, BigDecimal remainingQuantity, BigDecimal entryPrice, BigDecimal exitPrice, BigDecimal stopLoss,
            BigDecimal takeProfit, BigDecimal realizedPnl, String closeReason, Origin origin, String signalId, String entryOrderId,
            String exitOrderId, int exitAttempt, long version, Instant openedAt, Instant updatedAt, Instant closedAt) {
        this(id, account, venue, symbol, side, status, quantity, filledQuantity, remainingQuantity, entryPrice, exitPrice, stopLoss,
                takeProfit, realizedPnl, closeReason, origin, signalId, entryOrderId, exitOrderId, exitAttempt, version, openedAt,
                updatedAt, closedAt, null, null, null, null, null);
    }
}
