package io.positrack.signal.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.runtime.consumer.TransientFailures;
import io.positrack.signal.config.Instrument;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.strategy.BarAggregator;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Turns a watched symbol's ticks into bars and bars into signals. A completed bar and its signal are
 * stored in one transaction, so a crash cannot keep one without the other; the bar state of a symbol
 * is reloaded from the database the first time the symbol ticks after a start.
 */
@ApplicationScoped
public class SignalGenerator {

    private final Instruments instruments;
    private final BarRepository bars;
    private final SignalRepository signals;
    private final Pool pool;
    private final MeterRegistry registry;
    private final SignalPublisher publisher;
    private final Map<String, SymbolBars> states = new ConcurrentHashMap<>();
    /** The last valid price of each watched symbol: the Open button of a pushed signal checks its stops against it. */
    private final Map<String, BigDecimal> lastPrices = new ConcurrentHashMap<>();

    public SignalGenerator(Instruments instruments, BarRepository bars, SignalRepository signals, Pool pool, MeterRegistry registry,
            SignalPublisher publisher) {
        this.publisher = publisher;
        this.instruments = instruments;
        this.bars = bars;
        this.signals = signals;
        this.pool = pool;
        this.registry = registry;
    }

    /** Applies one valid tick of a symbol. Ticks of one symbol must come one at a time, in order. */
    public Uni<Void> onTick(String symbol, Instant time, BigDecimal price) {
        Optional<Instrument> instrument = instruments.find(symbol);
        if (instrument.isEmpty()) {
            count("unwatched");
            return Uni.createFrom().voidItem();
        }
        lastPrices.put(symbol, price);
        return state(instrument.get()).flatMap(state -> {
            SymbolBars.Fed fed = state.onTick(time, price);
            count(fed.effect() == BarAggregator.Effect.LATE ? "late" : "used");
            return fed.closed().map(this::store).orElse(Uni.createFrom().voidItem());
        });
    }

    private Uni<SymbolBars> state(Instrument instrument) {
        SymbolBars existing = states.get(instrument.symbol());
        if (existing != null) {
            return Uni.createFrom().item(existing);
        }
        return bars.latest(instrument.symbol(), instrument.barDuration(), instrument.maxBars())
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .map(stored -> {
                    Log.infof("%s: resuming from %d stored bar(s)", instrument.symbol(), stored.size());
                    return states.computeIfAbsent(instrument.symbol(), s -> new SymbolBars(instrument, stored));
                });
    }

    /** The in-memory state already moved on, so only the write is retried, never the tick. */
    private Uni<Void> store(SymbolBars.Closed closed) {
        return pool.withTransaction(tx -> bars.insert(tx, closed.bar())
                .flatMap(ignored -> closed.signal().map(s -> signals.insert(tx, s)).orElse(Uni.createFrom().item(false))))
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(inserted -> {
                    if (inserted) {
                        var s = closed.signal().get();
                        registry.counter("positrack.signal.signals.generated", "symbol", s.symbol(), "side", s.side().name()).increment();
                        Log.infof("Signal %s: %s %s entry %s SL %s TP %s (%s)", s.signalId(), s.side(), s.symbol(),
                                s.entry().toPlainString(), s.stopLoss().toPlainString(), s.takeProfit().toPlainString(), s.reason());
                    }
                })
                // Announced after the commit and only when new: a signal evaluated again is not pushed twice.
                .chain(inserted -> inserted ? publisher.publish(closed.signal().get()) : Uni.createFrom().voidItem());
    }

    /** The last price this instance saw for a symbol, if any since it started. */
    public Optional<BigDecimal> lastPrice(String symbol) {
        return Optional.ofNullable(lastPrices.get(symbol));
    }

    /** Drops a symbol's in-memory state after a fault, so that the next tick rebuilds it from the stored bars. */
    public void forget(String symbol) {
        states.remove(symbol);
    }

    private void count(String outcome) {
        registry.counter("positrack.signal.ticks", "outcome", outcome).increment();
    }
}
