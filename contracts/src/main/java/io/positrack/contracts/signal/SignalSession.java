package io.positrack.contracts.signal;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.positrack.contracts.position.Side;

/**
 * A signal and the position it opened, from issue to close: signal-service's read model, carried in
 * {@code /sessions} answers.
 *
 * @param status {@code OPEN} while its position is open, {@code CLOSED} once the position has ended
 * @param closeReason the position's close reason (TAKE_PROFIT, STOP_LOSS, COMMAND, EXPIRED, RECONCILED, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalSession(
        String signalId,
        String account,
        String symbol,
        Side side,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entry,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        String reason,
        Long positionId,
        String status,
        String closeReason,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal realizedPnl,
        Instant openedAt,
        Instant closedAt) {
}
