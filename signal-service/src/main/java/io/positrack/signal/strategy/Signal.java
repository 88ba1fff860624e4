package io.positrack.signal.strategy;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.positrack.contracts.position.Side;

/**
 * A trade the strategy proposes: enter {@code side} near {@code entry} with these stops. It can be opened
 * by {@code /getsignal} until {@code validUntil}; its id is derived from what produced it, so the same bar
 * evaluated again (a replay, a restart) yields the same signal and never a second one.
 *
 * @param barEnd the close time of the bar that produced it
 * @param reason why, in words (indicator values)
 */
public record Signal(String signalId, String symbol, String strategy, Side side,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entry,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        String reason, Instant barEnd, Instant validUntil) {

    /** True while {@code /getsignal} may still open it. */
    public boolean isCurrentAt(Instant now) {
        return now.isBefore(validUntil);
    }
}
