package io.positrack.signal.config;

import java.math.BigDecimal;
import java.time.Duration;

import io.positrack.signal.strategy.StrategyParameters;

/**
 * Everything signal-service knows about one watched symbol: defaults merged with the symbol's overrides.
 *
 * @param quantity quantity of the position a signal opens
 * @param entryTimeout how long an entry may stay unfilled before the session is expired
 */
public record Instrument(String symbol, BigDecimal quantity, Duration barDuration, StrategyParameters strategy,
        Duration entryTimeout, int maxBars, BigDecimal startPrice, double annualVolatility, BigDecimal spread) {

    public Instrument {
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (barDuration.toMillis() < 1000) {
            throw new IllegalArgumentException("bar-duration must be at least 1s");
        }
        if (entryTimeout.isNegative() || entryTimeout.isZero()) {
            throw new IllegalArgumentException("entry-timeout must be positive");
        }
        if (maxBars < strategy.warmUpBars()) {
            throw new IllegalArgumentException("max-bars must cover the warm-up of " + strategy.warmUpBars() + " bars");
        }
        if (startPrice.signum() <= 0 || spread.signum() < 0 || annualVolatility < 0) {
            throw new IllegalArgumentException("simulation needs a positive start price and no negative spread or volatility");
        }
    }
}
