package io.positrack.signal.api;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.positrack.contracts.position.Side;
import io.positrack.signal.strategy.Signal;

/**
 * A symbol's latest signal as the REST API shows it.
 *
 * @param current whether {@code /getsignal} would open it now (its validity has not run out)
 */
public record SignalView(String signalId, String symbol, String strategy, Side side,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entry,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        String reason, Instant barEnd, Instant validUntil, boolean current) {

    static SignalView of(Signal s, Instant now) {
        return new SignalView(s.signalId(), s.symbol(), s.strategy(), s.side(), s.entry(), s.stopLoss(), s.takeProfit(), s.reason(),
                s.barEnd(), s.validUntil(), s.isCurrentAt(now));
    }
}
