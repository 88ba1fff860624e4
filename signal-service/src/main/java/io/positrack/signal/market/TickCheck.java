package io.positrack.signal.market;

import java.math.BigDecimal;
import java.math.MathContext;

import io.positrack.contracts.market.MarketTick;

/** The rules a tick must pass before it can move a bar; the same ones position-service's paper venue applies. */
public final class TickCheck {

    private TickCheck() {
    }

    /** Why the tick is unusable, or {@code null} when it is fine. */
    public static String problem(MarketTick t) {
        if (t == null) {
            return "empty tick";
        }
        if (t.symbol() == null || t.symbol().isBlank()) {
            return "tick without symbol";
        }
        if (t.bid() == null || t.ask() == null || t.bid().signum() <= 0 || t.ask().signum() <= 0) {
            return "tick needs positive bid and ask";
        }
        if (t.bid().compareTo(t.ask()) > 0) {
            return "tick has bid above ask";
        }
        if (t.last() != null && t.last().signum() <= 0) {
            return "tick has a last price that is not positive";
        }
        return null;
    }

    /** The price a bar records: the last trade when the tick has one, else the middle of bid and ask. */
    public static BigDecimal price(MarketTick t) {
        if (t.last() != null) {
            return t.last();
        }
        return t.bid().add(t.ask()).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
    }
}
