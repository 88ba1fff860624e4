package io.positrack.runtime.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.positrack.contracts.market.MarketTick;

/**
 * The rules a {@code market-ticks} record must pass in every service that reads it (the paper venue's
 * matching, signal-service's bars, the gateway's prices): one home, so the copies cannot drift.
 */
public final class TickRules {

    /** The default symbol form of every service: upper-case letters and digits, optionally one separator (XAUUSD, BTC-USDT). */
    public static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$");

    private TickRules() {
    }

    /** The problems found (empty means the tick is usable). Decimals already fit the columns (strict wire reader). */
    public static List<String> problems(MarketTick t) {
        List<String> problems = new ArrayList<>();
        if (t.symbol() == null || t.symbol().isBlank()) {
            problems.add("tick without symbol");
        } else if (!SYMBOL.matcher(t.symbol()).matches()) {
            problems.add("symbol is not a well-formed symbol");
        }
        if (t.bid() == null || t.ask() == null || t.bid().signum() <= 0 || t.ask().signum() <= 0) {
            problems.add("tick needs positive bid and ask");
        } else if (t.bid().compareTo(t.ask()) > 0) {
            problems.add("tick has bid above ask");
        }
        if (t.last() != null && t.last().signum() <= 0) {
            problems.add("tick has a last price that is not positive");
        }
        return problems;
    }

    /** {@link #problems(MarketTick)} and the tick's venue time checked against our clock ({@link OutsideClock}). */
    public static List<String> problems(MarketTick t, OutsideClock clock) {
        List<String> problems = problems(t);
        problems.addAll(clock.eventTime(OutsideClock.Source.MARKET, "venueTime", t.venueTime()));
        return problems;
    }

    /** The price a bar or a mark records: the last trade when the tick has one, else the middle of bid and ask. */
    public static BigDecimal price(MarketTick t) {
        if (t.last() != null) {
            return t.last();
        }
        return t.bid().add(t.ask()).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
    }
}
