package io.positrack.signal.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PriceWalkTest {

    @Test
    void theSameSeedAndSymbolGiveTheSamePath() {
        assertThat(path(7, "XAUUSD", 500)).isEqualTo(path(7, "XAUUSD", 500));
    }

    @Test
    void anotherSymbolOrSeedGivesAnotherPath() {
        assertThat(path(7, "XAUUSD", 50)).isNotEqualTo(path(7, "EURUSD", 50));
        assertThat(path(7, "XAUUSD", 50)).isNotEqualTo(path(8, "XAUUSD", 50));
    }

    @Test
    void bidAndAskAreTheSpreadApartAndPositive() {
        PriceWalk walk = new PriceWalk(1, "XAUUSD", new BigDecimal("2650"), 0.15, Duration.ofSeconds(1), new BigDecimal("0.30"), 2);
        for (int i = 0; i < 1000; i++) {
            PriceWalk.Quote q = walk.next();
            assertThat(q.ask().subtract(q.bid())).isEqualByComparingTo("0.30");
            assertThat(q.bid().signum()).isPositive();
            assertThat(q.bid().scale()).isEqualTo(2);
        }
    }

    @Test
    void theStepsHaveTheConfiguredVolatility() {
        // 20 % a year in 1-minute steps: each log return has a standard deviation of 0.2 x sqrt(1 / 525960).
        PriceWalk walk = new PriceWalk(42, "XAUUSD", new BigDecimal("1000000"), 0.20, Duration.ofMinutes(1), BigDecimal.ZERO, 6);
        int n = 20_000;
        double previous = 1_000_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double price = walk.next().last().doubleValue();
            double r = Math.log(price / previous);
            sum += r;
            sumSquares += r * r;
            previous = price;
        }
        double stdev = Math.sqrt(sumSquares / n - (sum / n) * (sum / n));
        double expected = 0.20 * Math.sqrt(1.0 / (365.25 * 24 * 60));
        assertThat(stdev).isBetween(expected * 0.95, expected * 1.05);
    }

    private static List<String> path(long seed, String symbol, int steps) {
        PriceWalk walk = new PriceWalk(seed, symbol, new BigDecimal("100"), 0.15, Duration.ofSeconds(1), new BigDecimal("0.02"), 2);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(walk.next().toString());
        }
        return out;
    }
}
