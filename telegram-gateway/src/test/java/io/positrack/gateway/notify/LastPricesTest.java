package io.positrack.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LastPricesTest {

    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aFloodOfSymbolsNeverGrowsTheCachePastItsBound() {
        LastPrices prices = new LastPrices(100, Duration.ofMinutes(5));
        for (int i = 0; i < 10_000; i++) {
            prices.remember("FAKE" + i, BigDecimal.ONE, t0);
        }

        assertThat(prices.symbols()).isEqualTo(100);
    }

    @Test
    void theSymbolTickedLeastRecentlyIsForgottenFirst() {
        LastPrices prices = new LastPrices(2, Duration.ofMinutes(5));
        prices.remember("XAUUSD", new BigDecimal("2400"), t0);
        prices.remember("XAGUSD", new BigDecimal("30"), t0);
        prices.remember("XAUUSD", new BigDecimal("2401"), t0.plusSeconds(1));
        prices.remember("FAKE1", BigDecimal.ONE, t0.plusSeconds(2));

        assertThat(prices.at("XAUUSD", t0.plusSeconds(3))).contains(new BigDecimal("2401"));
        assertThat(prices.at("XAGUSD", t0.plusSeconds(3))).isEmpty();
        // A new symbol is still learnt when the cache is full (before, it was refused while the others were fresh).
        assertThat(prices.at("FAKE1", t0.plusSeconds(3))).contains(BigDecimal.ONE);
    }

    @Test
    void aStalePriceIsNotShownAndIsDropped() {
        LastPrices prices = new LastPrices(10, Duration.ofMinutes(5));
        prices.remember("XAUUSD", new BigDecimal("2400"), t0);

        assertThat(prices.at("XAUUSD", t0.plus(Duration.ofMinutes(4)))).isPresent();
        assertThat(prices.at("XAUUSD", t0.plus(Duration.ofMinutes(6)))).isEmpty();
        assertThat(prices.symbols()).isZero();
    }
}
