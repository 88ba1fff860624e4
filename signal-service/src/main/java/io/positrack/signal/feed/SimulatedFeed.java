package io.positrack.signal.feed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.market.MarketTick;
import io.positrack.signal.config.Instrument;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.support.Clock;
import io.smallrye.mutiny.Multi;

/**
 * One tick per simulated symbol every {@code interval}, prices from a seeded {@link PriceWalk} per symbol
 * (start price, volatility and spread from the symbol's {@code simulation} parameters). The price path is
 * reproducible; the tick times are the wall clock. A restart starts the walk again from its start price.
 */
@ApplicationScoped
public class SimulatedFeed implements MarketFeed {

    private final SignalConfig.Simulated config;
    private final Instruments instruments;
    private final Clock clock;

    public SimulatedFeed(SignalConfig config, Instruments instruments, Clock clock) {
        this.config = config.feed().simulated();
        this.instruments = instruments;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public Multi<MarketTick> ticks() {
        return walk(config.symbols().map(Instruments::split).orElse(instruments.symbols()), config.seed(), config.interval());
    }

    /** Every {@code interval}, one tick of each symbol; the same seed gives the same prices. */
    public Multi<MarketTick> walk(List<String> symbols, long seed, Duration interval) {
        Map<String, PriceWalk> walks = new LinkedHashMap<>();
        for (String symbol : symbols) {
            Instrument i = instruments.find(symbol).orElseThrow(() -> new IllegalArgumentException(
                    "positrack.signal.feed.simulated.symbols: " + symbol + " is not in positrack.signal.symbols"));
            walks.put(symbol, new PriceWalk(seed, symbol, i.startPrice(), i.annualVolatility(), interval, i.spread(),
                    i.strategy().priceScale()));
        }
        // A slow broker must not make ticks pile up: a beat that finds the previous one still publishing is
        // skipped, and the walk only steps for beats that are published, so the path stays the same.
        return Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .onItem().transformToIterable(beat -> walks.entrySet().stream().map(e -> {
                    PriceWalk.Quote q = e.getValue().next();
                    return new MarketTick(e.getKey(), q.bid(), q.ask(), q.last(), clock.now());
                }).toList());
    }
}
