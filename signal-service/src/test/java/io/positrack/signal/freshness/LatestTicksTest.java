package io.positrack.signal.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A symbol's market time never moves backwards: an older tick (duplicate, reordered, replayed) changes nothing. */
class LatestTicksTest {

    @Test
    void anOlderTickDoesNotReplaceANewerOne() {
        LatestTicks ticks = new LatestTicks();
        Instant t = Instant.parse("2026-12-02T12:00:00Z");
        ticks.offer("BTCUSDT", new BigDecimal("2"), new BigDecimal("3"), t);
        ticks.offer("BTCUSDT", new BigDecimal("1"), new BigDecimal("2"), t.minusMillis(1));

        assertThat(ticks.of("BTCUSDT").orElseThrow().time()).isEqualTo(t);
        assertThat(ticks.of("BTCUSDT").orElseThrow().bid()).isEqualByComparingTo("2");

        ticks.offer("BTCUSDT", new BigDecimal("4"), new BigDecimal("5"), t.plusMillis(1));
        assertThat(ticks.of("BTCUSDT").orElseThrow().bid()).isEqualByComparingTo("4");
    }
}
