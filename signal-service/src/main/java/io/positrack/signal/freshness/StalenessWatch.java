package io.positrack.signal.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.alert.Alert;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;

/**
 * Looks at every watched symbol every {@code check-interval}: a symbol that turned stale gets one
 * {@code MARKET_DATA_STALE} alert on {@code alerts} (once per stale period: the next one only after ticks came back
 * and it went stale again); one that is fresh again is logged. Also the metrics: {@code positrack.signal.market.stale_symbols}
 * and {@code positrack.signal.market.tick_age_seconds{symbol}} (watched symbols only, so the tag is bounded by the
 * configuration).
 */
@ApplicationScoped
public class StalenessWatch {

    public static final String CHANNEL = "staleness-alerts";
    public static final String MARKET_DATA_STALE = "MARKET_DATA_STALE";

    private final LatestTicks ticks;
    private final Instruments instruments;
    private final SignalConfig.Staleness config;
    private final MutinyEmitter<String> alerts;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Vertx vertx;
    /** Stale symbols and since when. */
    private final Map<String, Instant> stale = new ConcurrentHashMap<>();

    public StalenessWatch(LatestTicks ticks, Instruments instruments, SignalConfig config, @Channel(CHANNEL) MutinyEmitter<String> alerts,
            ObjectMapper json, MeterRegistry registry, Vertx vertx) {
        this.ticks = ticks;
        this.instruments = instruments;
        this.config = config.staleness();
        this.alerts = alerts;
        this.json = json;
        this.registry = registry;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("positrack.signal.market.stale_symbols", stale, Map::size).register(registry);
        for (String symbol : instruments.symbols()) {
            Gauge.builder("positrack.signal.market.tick_age_seconds", () -> ageOf(symbol).map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
                    .tag("symbol", symbol).register(registry);
        }
        if (config.enabled()) {
            vertx.setPeriodic(config.checkInterval().toMillis(), id -> check(Instant.now()));
        }
    }

    /** One look at every watched symbol. */
    void check(Instant now) {
        for (String symbol : instruments.symbols()) {
            Optional<Instant> since = EntryGuard.staleSince(ticks.of(symbol), ticks.startedAt(), now, config.maxAge());
            if (since.isPresent()) {
                if (stale.putIfAbsent(symbol, since.get()) == null) {
                    raise(symbol, since.get(), now);
                }
            } else if (stale.remove(symbol) != null) {
                Log.infof("Market data for %s is fresh again: entries are allowed", symbol);
            }
        }
    }

    /** The stale symbols and since when, sorted by symbol. */
    public Map<String, Instant> staleSymbols() {
        return new TreeMap<>(stale);
    }

    /** How old the symbol's newest tick is; empty if it never ticked. */
    public Optional<Duration> ageOf(String symbol) {
        return ticks.of(symbol).map(q -> Duration.between(q.time(), Instant.now()));
    }

    public List<String> watched() {
        return instruments.symbols();
    }

    public boolean enabled() {
        return config.enabled();
    }

    private void raise(String symbol, Instant since, Instant now) {
        String message = "no fresh market data for " + symbol + " since " + since + ": new entries on " + symbol
                + " are refused until ticks return (exits are not blocked)";
        Log.warn(message);
        Alert alert = new Alert(UUID.randomUUID().toString(), MARKET_DATA_STALE, config.alertAccount(), null, symbol, null, message,
                Map.of("since", since.toString(), "maxAge", config.maxAge().toString()), now);
        String value;
        try {
            value = json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            Log.errorf("Cannot serialise the staleness alert of %s", symbol);
            return;
        }
        alerts.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(symbol).build()))
                .subscribe().with(ok -> registry.counter("positrack.signal.market.stale_alerts").increment(),
                        e -> Log.warnf("Staleness alert of %s not published: %s", symbol, e.toString()));
    }

    /** For readiness. */
    Set<String> staleSet() {
        return stale.keySet();
    }
}
