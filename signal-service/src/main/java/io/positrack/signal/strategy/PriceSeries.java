package io.positrack.signal.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNum;

/**
 * The completed bars of one symbol as a ta4j series of decimals (never binary floating point), holding at
 * most {@code maxBars}: the indicators start from the oldest bar kept, so an instance that reloads the
 * same bars after a restart computes the same values.
 */
public final class PriceSeries {

    private final BarSeries series;

    public PriceSeries(String symbol, int maxBars) {
        if (maxBars < 2) {
            throw new IllegalArgumentException("max-bars must be at least 2");
        }
        this.series = new BaseBarSeriesBuilder().withName(symbol).withNumTypeOf(DecimalNum.class).withMaxBarCount(maxBars)
                .build();
    }

    public void add(Bar bar) {
        series.addBar(Duration.between(bar.start(), bar.end()), bar.end().atZone(ZoneOffset.UTC), num(bar.open()),
                num(bar.high()), num(bar.low()), num(bar.close()), DecimalNum.valueOf(bar.ticks()));
    }

    public BarSeries bars() {
        return series;
    }

    public int size() {
        return series.getBarCount();
    }

    /**
     * Through the text form on purpose: ta4j 0.17's {@code DecimalNum.valueOf(BigDecimal)} keeps the value's
     * own precision as the precision of everything computed from it (a close of 98.5 would make every EMA,
     * RSI and ATR three significant digits); from text it computes with at least 32 digits.
     */
    private static DecimalNum num(BigDecimal value) {
        return DecimalNum.valueOf(value.toPlainString());
    }
}
