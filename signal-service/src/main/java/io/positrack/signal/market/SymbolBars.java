package io.positrack.signal.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.positrack.signal.config.Instrument;
import io.positrack.signal.strategy.Bar;
import io.positrack.signal.strategy.BarAggregator;
import io.positrack.signal.strategy.EmaRsiAtrStrategy;
import io.positrack.signal.strategy.PriceSeries;
import io.positrack.signal.strategy.Signal;

/**
 * One symbol's market state in memory: the bar in progress, the completed bars and the strategy. Built
 * from the stored bars, so that it is a cache of the database plus at most one unfinished bar.
 */
final class SymbolBars {

    /** A bar the last tick completed, and the signal (if any) the strategy read in it. */
    record Closed(Bar bar, Optional<Signal> signal) {
    }

    /** What one tick did, and the bar it completed (evaluated) if it completed one. */
    record Fed(BarAggregator.Effect effect, Optional<Closed> closed) {
    }

    private final BarAggregator aggregator;
    private final PriceSeries series;
    private final EmaRsiAtrStrategy strategy;

    SymbolBars(Instrument instrument, List<Bar> stored) {
        this.aggregator = new BarAggregator(instrument.symbol(), instrument.barDuration());
        this.series = new PriceSeries(instrument.symbol(), instrument.maxBars());
        this.strategy = new EmaRsiAtrStrategy(instrument.strategy());
        stored.forEach(series::add);
        if (!stored.isEmpty()) {
            aggregator.resumeAfter(stored.get(stored.size() - 1).end());
        }
    }

    Fed onTick(Instant time, BigDecimal price) {
        BarAggregator.Result result = aggregator.onTick(time, price);
        return new Fed(result.effect(), result.closed().map(bar -> {
            series.add(bar);
            return new Closed(bar, strategy.evaluateLast(series.bars()));
        }));
    }
}
