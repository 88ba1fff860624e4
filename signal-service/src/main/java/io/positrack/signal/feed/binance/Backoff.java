package io.positrack.signal.feed.binance;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Waits between reconnection attempts: doubled per failed attempt from {@code initial} up to {@code max}, each wait
 * drawn uniformly from its upper half ("equal jitter"), so that many clients that lost the venue at the same moment do
 * not come back at the same moment, and a wait is never shorter than half its step. Pure; the randomness is injected.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt; each call counts one more failure. */
    public Duration next() {
        long step = initial.toMillis();
        for (int i = 0; i < failures && step < max.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, max.toMillis());
        failures = Math.min(failures + 1, 62);
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }

    /** A connection that worked: the next failure waits the initial step again. */
    public void reset() {
        failures = 0;
    }
}
