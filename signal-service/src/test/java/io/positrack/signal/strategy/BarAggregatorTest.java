package io.positrack.signal.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BarAggregatorTest {

    private static final Instant MINUTE = Instant.parse("2026-01-01T10:00:00Z");

    private final BarAggregator bars = new BarAggregator("XAUUSD", Duration.ofMinutes(1));

    @Test
    void ticksOfOneBarAreCompletedByTheFirstTickOfTheNext() {
        assertThat(tick(5, "100").effect()).isEqualTo(BarAggregator.Effect.UPDATED);
        tick(20, "102");
        tick(40, "99");
        tick(59, "101");

        BarAggregator.Result next = tick(61, "103");

        assertThat(next.effect()).isEqualTo(BarAggregator.Effect.CLOSED);
        Bar bar = next.closed().orElseThrow();
        assertThat(bar.start()).isEqualTo(MINUTE);
        assertThat(bar.end()).isEqualTo(MINUTE.plusSeconds(60));
        assertThat(bar.open()).isEqualByComparingTo("100");
        assertThat(bar.high()).isEqualByComparingTo("102");
        assertThat(bar.low()).isEqualByComparingTo("99");
        assertThat(bar.close()).isEqualByComparingTo("101");
        assertThat(bar.ticks()).isEqualTo(4);
    }

    @Test
    void barsAreAlignedToTheClockNotToTheFirstTick() {
        tick(37, "100");
        Bar bar = tick(95, "100").closed().orElseThrow();
        assertThat(bar.start()).isEqualTo(MINUTE);
        assertThat(bar.end()).isEqualTo(MINUTE.plusSeconds(60));
    }

    @Test
    void aTickOlderThanTheBarInProgressIsLateAndChangesNothing() {
        tick(65, "100");
        assertThat(tick(30, "500").effect()).isEqualTo(BarAggregator.Effect.LATE);
        Bar bar = tick(125, "100").closed().orElseThrow();
        assertThat(bar.high()).isEqualByComparingTo("100");
        assertThat(bar.ticks()).isEqualTo(1);
    }

    @Test
    void aGapWithoutTicksInventsNoBars() {
        tick(5, "100");
        Bar bar = tick(600, "105").closed().orElseThrow();
        assertThat(bar.start()).isEqualTo(MINUTE);
        Bar after = tick(660, "106").closed().orElseThrow();
        assertThat(after.start()).isEqualTo(MINUTE.plusSeconds(600));
    }

    @Test
    void afterAResumeTicksOfStoredBarsAreLate() {
        bars.resumeAfter(MINUTE.plusSeconds(120));
        assertThat(tick(90, "100").effect()).isEqualTo(BarAggregator.Effect.LATE);
        assertThat(tick(121, "100").effect()).isEqualTo(BarAggregator.Effect.UPDATED);
    }

    private BarAggregator.Result tick(int secondsAfterMinute, String price) {
        return bars.onTick(MINUTE.plusSeconds(secondsAfterMinute), new BigDecimal(price));
    }
}
