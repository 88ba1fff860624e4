package io.positrack.contracts.position;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The full state of one position at one version. Amounts travel as decimal strings, never as binary
 * floating point; times are UTC instants.
 *
 * @param quantity quantity the entry asked for
 * @param filledQuantity quantity the entry actually filled
 * @param remainingQuantity quantity still open on the venue (filled minus exited)
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
        Instant closedAt) {
}
