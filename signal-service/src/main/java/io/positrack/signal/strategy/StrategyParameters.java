package io.positrack.signal.strategy;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parameters of the EMA-crossover strategy for one symbol.
 *
 * @param rsiBuyMax a BUY crossover counts only while RSI is at most this
 * @param rsiSellMin a SELL crossover counts only while RSI is at least this
 * @param stopLossAtr stop loss distance from the entry, in ATRs
 * @param takeProfitAtr take profit distance from the entry, in ATRs
 * @param priceScale decimals the stops are rounded to
 * @param validity how long after its bar closed a signal stays current
 */
public record StrategyParameters(int fastEma, int slowEma, int rsiPeriod, BigDecimal rsiBuyMax, BigDecimal rsiSellMin,
        int atrPeriod, BigDecimal stopLossAtr, BigDecimal takeProfitAtr, int priceScale, Duration validity) {

    public StrategyParameters {
        if (fastEma < 1 || slowEma <= fastEma) {
            throw new IllegalArgumentException("need 1 <= fast-ema < slow-ema, got " + fastEma + " and " + slowEma);
        }
        if (rsiPeriod < 1 || atrPeriod < 1) {
            throw new IllegalArgumentException("rsi-period and atr-period must be at least 1");
        }
        if (stopLossAtr.signum() <= 0 || takeProfitAtr.signum() <= 0) {
            throw new IllegalArgumentException("stop-loss-atr and take-profit-atr must be positive");
        }
        if (priceScale < 0 || priceScale > 18) {
            throw new IllegalArgumentException("price-scale must be 0..18");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("signal-validity must be positive");
        }
    }

    /** Bars needed before a crossing means anything: every indicator has seen a full period. */
    public int warmUpBars() {
        return Math.max(slowEma, Math.max(rsiPeriod, atrPeriod)) + 1;
    }
}
