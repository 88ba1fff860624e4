package io.positrack.signal.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Random;

/**
 * A reproducible price path for one symbol: geometric Brownian motion with the given annual volatility,
 * one step per tick interval, driven by {@link Random} (whose algorithm Java specifies, so the same seed
 * gives the same path on any JVM). Each symbol's generator is seeded from the feed seed and the symbol.
 */
public final class PriceWalk {

    private static final double MILLIS_PER_YEAR = 365.25 * 24 * 3600 * 1000;

    /** One quote: bid, ask (bid + spread) and the mid as last price. */
    public record Quote(BigDecimal bid, BigDecimal ask, BigDecimal last) {
    }

    private final Random random;
    private final double drift;
    private final double shock;
    private final BigDecimal spread;
    private final int scale;
    private double mid;

    public PriceWalk(long seed, String symbol, BigDecimal startPrice, double annualVolatility, Duration step, BigDecimal spread,
            int scale) {
        if (startPrice.signum() <= 0 || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("a walk needs a positive start price and step");
        }
        this.random = new Random(seed * 31 + symbol.hashCode());
        double years = step.toMillis() / MILLIS_PER_YEAR;
        this.shock = annualVolatility * Math.sqrt(years);
        this.drift = -0.5 * annualVolatility * annualVolatility * years;
        this.spread = spread.setScale(scale, RoundingMode.HALF_UP);
        this.scale = scale;
        this.mid = startPrice.doubleValue();
    }

    public Quote next() {
        mid = mid * Math.exp(drift + shock * random.nextGaussian());
        BigDecimal last = BigDecimal.valueOf(mid).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal bid = BigDecimal.valueOf(mid).subtract(spread.divide(BigDecimal.valueOf(2))).setScale(scale, RoundingMode.HALF_UP);
        // Never a bid at or below zero, whatever the volatility: one tick above zero is the floor.
        BigDecimal floor = BigDecimal.ONE.movePointLeft(scale);
        if (bid.compareTo(floor) < 0) {
            bid = floor;
            last = last.max(floor);
        }
        return new Quote(bid, bid.add(spread), last);
    }
}
