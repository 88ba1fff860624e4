package io.positrack.contracts.signal;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.positrack.contracts.position.Side;

/**
 * A new signal of the built-in strategy, on {@code signals}, keyed by symbol: published once, when the strategy
 * first stores it, so that the gateway can offer it to the subscribed chats with Open / Ignore buttons.
 * Opening it is a {@code OPEN_SIGNAL} bot command naming {@code signalId}: signal-service then opens exactly this
 * signal (never a newer one) if it is still valid.
 *
 * @param signalId {@code <symbol>-<strategy>-<bar end>}; {@code ce_id} carries it too, so consumers can deduplicate
 * @param validUntil after this instant the signal is not opened any more
 * @param reason why, in words (indicator values)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalIssued(
        String signalId,
        String symbol,
        String strategy,
        Side side,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entry,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        String reason,
        Instant barEnd,
        Instant validUntil) {
}
