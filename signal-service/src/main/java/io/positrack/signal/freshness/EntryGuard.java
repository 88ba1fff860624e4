package io.positrack.signal.freshness;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.positrack.contracts.position.Side;

/**
 * Whether the market allows a new entry: the two refusals every entry path of signal-service applies (chat
 * {@code /getsignal}, the command API, the alert webhook). Pure. Exits and stop updates never come here.
 * <ul>
 * <li><b>Stale data</b>: the symbol's newest tick is older than {@code maxAge} (or it never ticked, {@code maxAge}
 * after start): "no fresh market data for BTCUSDT since ...".</li>
 * <li><b>Stale signal</b>: the market has already reached the entry's stop loss or take profit. A BUY is closed at
 * the bid, a SELL at the ask: that price is compared. The answer shows it.</li>
 * </ul>
 */
public final class EntryGuard {

    private EntryGuard() {
    }

    /** Since when the symbol has had no fresh data, or empty when it is fresh. */
    public static Optional<Instant> staleSince(Optional<LatestTicks.Quote> latest, Instant startedAt, Instant now, Duration maxAge) {
        Instant since = latest.map(LatestTicks.Quote::time).orElse(startedAt);
        return Duration.between(since, now).compareTo(maxAge) > 0 ? Optional.of(since) : Optional.empty();
    }

    /** Why the entry must not be opened now, or empty. {@code maxAge} empty: staleness is not checked. */
    public static Optional<String> refusal(String symbol, Side side, BigDecimal stopLoss, BigDecimal takeProfit,
            Optional<LatestTicks.Quote> latest, Instant startedAt, Instant now, Optional<Duration> maxAge) {
        if (maxAge.isPresent()) {
            Optional<Instant> since = staleSince(latest, startedAt, now, maxAge.get());
            if (since.isPresent()) {
                return Optional.of(latest.isPresent() ? "no fresh market data for " + symbol + " since " + since.get()
                        : "no fresh market data for " + symbol + " since " + since.get() + " (none since start)");
            }
        }
        if (latest.isEmpty() || side == null) {
            return Optional.empty();
        }
        LatestTicks.Quote q = latest.get();
        BigDecimal exitPrice = side == Side.BUY ? q.bid() : q.ask();
        boolean buy = side == Side.BUY;
        if (takeProfit != null && (buy ? exitPrice.compareTo(takeProfit) >= 0 : exitPrice.compareTo(takeProfit) <= 0)) {
            return Optional.of("the market has already reached the take profit " + takeProfit.toPlainString() + " of this "
                    + side + ": the " + (buy ? "bid" : "ask") + " is " + exitPrice.toPlainString() + "; not opened");
        }
        if (stopLoss != null && (buy ? exitPrice.compareTo(stopLoss) <= 0 : exitPrice.compareTo(stopLoss) >= 0)) {
            return Optional.of("the market has already reached the stop loss " + stopLoss.toPlainString() + " of this "
                    + side + ": the " + (buy ? "bid" : "ask") + " is " + exitPrice.toPlainString() + "; not opened");
        }
        return Optional.empty();
    }
}
