package io.positrack.signal.freshness;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The newest tick of every symbol read from {@code market-ticks} (whatever feed produced it), after the tick rules
 * and the clock bounds passed it. A tick older than the one held (a duplicate, a reordered or replayed one) changes
 * nothing: a symbol's market time never moves backwards. Held in memory: after a restart the topic is read again
 * from the committed offsets, and a symbol that ticks again is fresh again.
 */
@ApplicationScoped
public class LatestTicks {

    /** A symbol's newest quote and its time. */
    public record Quote(BigDecimal bid, BigDecimal ask, Instant time) {
    }

    private final Map<String, Quote> latest = new ConcurrentHashMap<>();
    private final Instant startedAt = Instant.now();

    /** Records a tick unless the held one is newer. */
    public void offer(String symbol, BigDecimal bid, BigDecimal ask, Instant time) {
        latest.merge(symbol, new Quote(bid, ask, time), (held, offered) -> offered.time().isBefore(held.time()) ? held : offered);
    }

    public Optional<Quote> of(String symbol) {
        return Optional.ofNullable(latest.get(symbol));
    }

    /** When this instance started: a symbol that never ticked has had no data since then. */
    public Instant startedAt() {
        return startedAt;
    }
}
