package io.positrack.signal.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Reconnect waits: doubled per failure, capped, jittered within the upper half of the step, reset by a success. */
class BackoffTest {

    @Test
    void withoutJitterTheWaitsDoubleUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999999);

        assertThat(seconds(backoff, 6)).containsExactly(1, 2, 4, 8, 10, 10);
    }

    @Test
    void jitterKeepsEachWaitBetweenHalfItsStepAndTheStep() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);

        assertThat(low.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(low.next()).isEqualTo(Duration.ofMillis(1000));
        assertThat(low.next()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void aResetStartsFromTheInitialStepAgain() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999999);
        for (int i = 0; i < 100; i++) {
            backoff.next();
        }
        assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(60));

        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(500L, 1000L);
    }

    private static long[] seconds(Backoff backoff, int n) {
        long[] waits = new long[n];
        for (int i = 0; i < n; i++) {
            waits[i] = Math.round(backoff.next().toMillis() / 1000.0);
        }
        return waits;
    }
}
