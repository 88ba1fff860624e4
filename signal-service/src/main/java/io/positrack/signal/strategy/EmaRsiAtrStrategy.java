package io.positrack.signal.strategy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import io.positrack.contracts.position.Side;

/**
 * EMA crossover filtered by RSI, stops from ATR. On the close of each bar: the fast EMA crossing above
 * the slow one is a BUY unless RSI says the market is already overbought ({@code > rsiBuyMax}); crossing
 * below is a SELL unless it is oversold ({@code < rsiSellMin}). The entry is the bar's close; the stop
 * loss and take profit lie {@code stopLossAtr} and {@code takeProfitAtr} ATRs away from it. Pure: the same
 * bars always give the same answer.
 */
public final class EmaRsiAtrStrategy {

    public static final String NAME = "ema-rsi-atr";

    private final StrategyParameters p;

    public EmaRsiAtrStrategy(StrategyParameters parameters) {
        this.p = parameters;
    }

    public StrategyParameters parameters() {
        return p;
    }

    /** The signal of the series' last bar, or empty for "no signal". */
    public Optional<Signal> evaluateLast(BarSeries series) {
        if (series.getBarCount() < p.warmUpBars()) {
            return Optional.empty();
        }
        int last = series.getEndIndex();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, p.fastEma());
        EMAIndicator slow = new EMAIndicator(close, p.slowEma());
        Rule crossedUp = new CrossedUpIndicatorRule(fast, slow);
        Rule crossedDown = new CrossedDownIndicatorRule(fast, slow);
        BigDecimal rsi = decimal(new RSIIndicator(close, p.rsiPeriod()).getValue(last));

        Side side;
        String crossing;
        if (crossedUp.isSatisfied(last) && rsi.compareTo(p.rsiBuyMax()) <= 0) {
            side = Side.BUY;
            crossing = "crossed above";
        } else if (crossedDown.isSatisfied(last) && rsi.compareTo(p.rsiSellMin()) >= 0) {
            side = Side.SELL;
            crossing = "crossed below";
        } else {
            return Optional.empty();
        }

        BigDecimal atr = decimal(new ATRIndicator(series, p.atrPeriod()).getValue(last));
        BigDecimal entry = decimal(close.getValue(last)).setScale(p.priceScale(), RoundingMode.HALF_UP);
        BigDecimal direction = side == Side.BUY ? BigDecimal.ONE : BigDecimal.ONE.negate();
        BigDecimal stopLoss = entry.subtract(direction.multiply(p.stopLossAtr()).multiply(atr)).setScale(p.priceScale(), RoundingMode.HALF_UP);
        BigDecimal takeProfit = entry.add(direction.multiply(p.takeProfitAtr()).multiply(atr)).setScale(p.priceScale(), RoundingMode.HALF_UP);
        // A flat market (ATR rounds to nothing) or a price near zero gives stops that protect nothing.
        boolean ordered = side == Side.BUY
                ? stopLoss.compareTo(entry) < 0 && entry.compareTo(takeProfit) < 0
                : takeProfit.compareTo(entry) < 0 && entry.compareTo(stopLoss) < 0;
        if (!ordered || stopLoss.signum() <= 0 || takeProfit.signum() <= 0) {
            return Optional.empty();
        }

        Instant barEnd = series.getBar(last).getEndTime().toInstant();
        String reason = "EMA(%d) %s EMA(%d), RSI(%d) %s, ATR(%d) %s".formatted(p.fastEma(), crossing, p.slowEma(), p.rsiPeriod(),
                rsi.setScale(2, RoundingMode.HALF_UP).toPlainString(), p.atrPeriod(),
                atr.setScale(p.priceScale() + 2, RoundingMode.HALF_UP).toPlainString());
        return Optional.of(new Signal(SignalId.of(series.getName(), NAME, barEnd), series.getName(), NAME, side,
                entry, stopLoss, takeProfit, reason, barEnd, barEnd.plus(p.validity())));
    }

    private static BigDecimal decimal(Num value) {
        return new BigDecimal(value.toString());
    }
}
