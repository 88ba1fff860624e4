package io.positrack.signal.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds one symbol's bars from its ticks. Bars are aligned to multiples of the bar duration since the
 * epoch, so every instance (and every replay) cuts the same bars. A bar is complete when the first tick
 * of a later bar arrives; bars without ticks are not invented. Not thread-safe: one symbol's ticks come
 * from one partition, one at a time.
 */
public final class BarAggregator {

    /** What a tick did. */
    public enum Effect {
        /** The tick went into the bar in progress. */
        UPDATED,
        /** The tick completed the previous bar ({@link #onTick} returns it) and started a new one. */
        CLOSED,
        /** The tick is older than the bar in progress (out of order, or before the last stored bar). */
        LATE
    }

    public record Result(Effect effect, Optional<Bar> closed) {
    }

    private final String symbol;
    private final long durationMillis;
    private Instant start;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private int ticks;
    private Instant lastClosedEnd;

    public BarAggregator(String symbol, Duration duration) {
        if (duration.toMillis() < 1000) {
            throw new IllegalArgumentException("bar duration must be at least 1s, was " + duration);
        }
        this.symbol = symbol;
        this.durationMillis = duration.toMillis();
    }

    /** Ticks before the end of an already completed bar (for example one reloaded after a restart) are late. */
    public void resumeAfter(Instant closedBarEnd) {
        lastClosedEnd = closedBarEnd;
    }

    public Result onTick(Instant time, BigDecimal price) {
        Instant bucket = Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), durationMillis) * durationMillis);
        if (lastClosedEnd != null && bucket.isBefore(lastClosedEnd) || start != null && bucket.isBefore(start)) {
            return new Result(Effect.LATE, Optional.empty());
        }
        if (start != null && bucket.equals(start)) {
            high = high.max(price);
            low = low.min(price);
            close = price;
            ticks++;
            return new Result(Effect.UPDATED, Optional.empty());
        }
        Optional<Bar> completed = Optional.empty();
        if (start != null) {
            Instant end = start.plusMillis(durationMillis);
            completed = Optional.of(new Bar(symbol, start, end, open, high, low, close, ticks));
            lastClosedEnd = end;
        }
        start = bucket;
        open = price;
        high = price;
        low = price;
        close = price;
        ticks = 1;
        return new Result(completed.isPresent() ? Effect.CLOSED : Effect.UPDATED, completed);
    }
}
