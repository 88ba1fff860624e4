package io.positrack.signal.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import io.positrack.contracts.position.Side;
import io.positrack.signal.strategy.Signal;

/**
 * Whether a pushed signal may still be opened from its Open button: not after {@code validUntil}, and not once the
 * market traded through its stop loss or take profit (the trade it proposed is already over). Pure.
 */
public final class SignalOpenability {

    private SignalOpenability() {
    }

    /** Why the signal cannot be opened now, or empty when it can. {@code lastPrice} may be unknown (no tick yet). */
    public static Optional<String> whyNot(Signal s, Instant now, Optional<BigDecimal> lastPrice) {
        if (!s.isCurrentAt(now)) {
            return Optional.of("signal " + s.signalId() + " expired at " + s.validUntil() + "; nothing was opened");
        }
        if (lastPrice.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal price = lastPrice.get();
        boolean buy = s.side() == Side.BUY;
        if (buy ? price.compareTo(s.stopLoss()) <= 0 : price.compareTo(s.stopLoss()) >= 0) {
            return Optional.of("the market (" + price.toPlainString() + ") already passed the stop loss " + s.stopLoss().toPlainString()
                    + " of signal " + s.signalId() + "; nothing was opened");
        }
        if (buy ? price.compareTo(s.takeProfit()) >= 0 : price.compareTo(s.takeProfit()) <= 0) {
            return Optional.of("the market (" + price.toPlainString() + ") already reached the take profit "
                    + s.takeProfit().toPlainString() + " of signal " + s.signalId() + "; nothing was opened");
        }
        return Optional.empty();
    }
}
