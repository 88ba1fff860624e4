package io.positrack.gateway.notify;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.positrack.gateway.support.LruMap;

/**
 * The last price per symbol, bounded in size and in age: past {@code maxSymbols} the symbol ticked least recently is
 * forgotten (a real one is back with its next tick, a made-up one never), and a price older than {@code staleAfter}
 * is never shown and dropped when read. Thread-safe.
 */
final class LastPrices {

    private record Price(BigDecimal value, Instant at) {
    }

    private final Duration staleAfter;
    private final Map<String, Price> last;

    LastPrices(int maxSymbols, Duration staleAfter) {
        this.staleAfter = staleAfter;
        this.last = new LruMap<>(maxSymbols);
    }

    synchronized void remember(String symbol, BigDecimal price, Instant at) {
        last.put(symbol, new Price(price, at));
    }

    synchronized Optional<BigDecimal> at(String symbol, Instant now) {
        Price price = symbol == null ? null : last.get(symbol);
        if (price == null) {
            return Optional.empty();
        }
        if (price.at().isBefore(now.minus(staleAfter))) {
            last.remove(symbol);
            return Optional.empty();
        }
        return Optional.of(price.value());
    }

    synchronized int symbols() {
        return last.size();
    }
}
