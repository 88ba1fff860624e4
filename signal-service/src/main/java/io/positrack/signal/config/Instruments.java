package io.positrack.signal.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.signal.config.SignalConfig.InstrumentDefaults;
import io.positrack.signal.config.SignalConfig.InstrumentOverrides;
import io.positrack.signal.strategy.StrategyParameters;
import io.quarkus.runtime.Startup;

/**
 * The watched symbols and their parameters, resolved once at startup: a bad parameter stops the service
 * from starting rather than producing nonsense signals later.
 */
@ApplicationScoped
@Startup
public class Instruments {

    private final Map<String, Instrument> bySymbol;
    private final Pattern symbolPattern;

    public Instruments(SignalConfig config) {
        this.symbolPattern = Pattern.compile(config.symbolPattern());
        List<String> symbols = split(config.symbols().orElse(config.defaultSymbol()));
        if (symbols.isEmpty()) {
            symbols = List.of(config.defaultSymbol());
        }
        Map<String, Instrument> resolved = new LinkedHashMap<>();
        for (String symbol : symbols) {
            if (!symbolPattern.matcher(symbol).matches()) {
                throw new IllegalArgumentException("positrack.signal.symbols: '" + symbol + "' is not a valid symbol");
            }
            InstrumentOverrides o = config.instruments().get(symbol);
            try {
                resolved.put(symbol, resolve(symbol, config.instrumentDefaults(), Optional.ofNullable(o)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("positrack.signal parameters of " + symbol + ": " + e.getMessage(), e);
            }
        }
        for (String configured : config.instruments().keySet()) {
            if (!resolved.containsKey(configured)) {
                throw new IllegalArgumentException("positrack.signal.instruments." + configured + " is configured but "
                        + configured + " is not in positrack.signal.symbols");
            }
        }
        this.bySymbol = Collections.unmodifiableMap(resolved);
    }

    public Optional<Instrument> find(String symbol) {
        return Optional.ofNullable(symbol == null ? null : bySymbol.get(symbol));
    }

    public boolean watches(String symbol) {
        return symbol != null && bySymbol.containsKey(symbol);
    }

    public List<String> symbols() {
        return List.copyOf(bySymbol.keySet());
    }

    public List<Instrument> all() {
        return List.copyOf(bySymbol.values());
    }

    public boolean isWellFormed(String symbol) {
        return symbol != null && symbolPattern.matcher(symbol).matches();
    }

    public static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static Instrument resolve(String symbol, InstrumentDefaults d, Optional<InstrumentOverrides> overrides) {
        Picker o = new Picker(overrides);
        StrategyParameters strategy = new StrategyParameters(
                o.pick(InstrumentOverrides::fastEma, d.fastEma()),
                o.pick(InstrumentOverrides::slowEma, d.slowEma()),
                o.pick(InstrumentOverrides::rsiPeriod, d.rsiPeriod()),
                o.pick(InstrumentOverrides::rsiBuyMax, d.rsiBuyMax()),
                o.pick(InstrumentOverrides::rsiSellMin, d.rsiSellMin()),
                o.pick(InstrumentOverrides::atrPeriod, d.atrPeriod()),
                o.pick(InstrumentOverrides::stopLossAtr, d.stopLossAtr()),
                o.pick(InstrumentOverrides::takeProfitAtr, d.takeProfitAtr()),
                o.pick(InstrumentOverrides::priceScale, d.priceScale()),
                o.pick(InstrumentOverrides::signalValidity, d.signalValidity()));
        return new Instrument(symbol,
                o.pick(InstrumentOverrides::quantity, d.quantity()),
                o.pick(InstrumentOverrides::barDuration, d.barDuration()),
                strategy,
                o.pick(InstrumentOverrides::entryTimeout, d.entryTimeout()),
                o.pick(InstrumentOverrides::maxBars, d.maxBars()),
                o.pick(InstrumentOverrides::startPrice, d.simulation().startPrice()),
                o.pick(InstrumentOverrides::annualVolatility, d.simulation().annualVolatility()),
                o.pick(InstrumentOverrides::spread, d.simulation().spread()));
    }

    /** A symbol's override where it has one, else the default. */
    private record Picker(Optional<InstrumentOverrides> overrides) {
        <T> T pick(Function<InstrumentOverrides, Optional<T>> field, T fallback) {
            return overrides.flatMap(field).orElse(fallback);
        }
    }
}
