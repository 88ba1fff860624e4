package io.positrack.signal.strategy;

import java.math.BigDecimal;
import java.time.Instant;

/** One completed bar of one symbol: prices over [start, end). */
public record Bar(String symbol, Instant start, Instant end, BigDecimal open, BigDecimal high, BigDecimal low,
        BigDecimal close, int ticks) {
}
