package io.positrack.runtime.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class OutsideClockTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration AHEAD = Duration.ofSeconds(5);
    private static final Duration BEHIND = Duration.ofDays(7);

    @Test
    void aTimeWithinTheSkewIsBelieved() {
        assertThat(OutsideClock.problem("asOf", NOW.plusSeconds(5), NOW, AHEAD, BEHIND)).isNull();
        assertThat(OutsideClock.problem("asOf", NOW.minus(Duration.ofDays(6)), NOW, AHEAD, BEHIND)).isNull();
        assertThat(OutsideClock.problem("asOf", null, NOW, AHEAD, BEHIND)).isNull();
    }

    @Test
    void aTimeAheadOfOurClockIsRefused() {
        assertThat(OutsideClock.problem("asOf", NOW.plusSeconds(6), NOW, AHEAD, BEHIND)).contains("asOf").contains("ahead of our clock");
        assertThat(OutsideClock.problem("transactionTime", Instant.parse("2099-01-01T00:00:00Z"), NOW, AHEAD, null))
                .contains("ahead of our clock");
    }

    @Test
    void aTimeTooFarBehindIsRefusedOnlyWhenBounded() {
        Instant old = NOW.minus(Duration.ofDays(8));
        assertThat(OutsideClock.problem("eventTime", old, NOW, AHEAD, BEHIND)).contains("older than 7 days");
        assertThat(OutsideClock.problem("asOf", old, NOW, AHEAD, null)).isNull();
    }
}
