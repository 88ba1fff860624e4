package io.positrack.signal.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.market.MarketTick;
import io.positrack.signal.config.Instrument;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Replays a CSV file of the user's own history (see {@link CsvTicks} for the formats) at the configured
 * speed. With {@code rebase-time} (the default) every timestamp is shifted by one constant so the first row
 * happens when the replay starts: bars keep their length, and signals are judged on today's clock.
 */
@ApplicationScoped
public class CsvReplayFeed implements MarketFeed {

    private final SignalConfig.Csv config;
    private final SignalConfig signalConfig;
    private final Instruments instruments;
    private final Clock clock;
    private final MeterRegistry registry;

    public CsvReplayFeed(SignalConfig config, Instruments instruments, Clock clock, MeterRegistry registry) {
        this.config = config.feed().csv();
        this.signalConfig = config;
        this.instruments = instruments;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public Multi<MarketTick> ticks() {
        Path path = Path.of(config.path().orElseThrow(() -> new IllegalStateException(
                "positrack.signal.feed.csv.enabled=true needs positrack.signal.feed.csv.path")));
        return replay(path, config.speed(), config.rebaseTime());
    }

    /** The file's ticks, paced by {@code speed} (0: no pacing) and shifted to now when {@code rebase}. */
    public Multi<MarketTick> replay(Path path, double speed, boolean rebase) {
        if (speed < 0) {
            throw new IllegalArgumentException("positrack.signal.feed.csv.speed must not be negative");
        }
        CsvTicks parser = new CsvTicks(config.barDuration().orElse(signalConfig.instrumentDefaults().barDuration()),
                symbol -> instruments.find(symbol).map(Instrument::spread).orElse(BigDecimal.ZERO));
        AtomicLong lineNumber = new AtomicLong();
        AtomicReference<Instant> first = new AtomicReference<>();
        Instant started = clock.now();
        return Multi.createFrom().<String>items(() -> {
            try {
                return Files.lines(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        })
                // Reading the file blocks: never on an event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(line -> {
                    CsvTicks.Line parsed = parser.parse(line, lineNumber.incrementAndGet());
                    if (parsed.problem() != null) {
                        Log.warnf("CSV replay of %s: %s (skipped)", path, parsed.problem());
                        registry.counter("positrack.signal.feed.csv.rejected_rows").increment();
                    }
                    return parsed.ticks();
                })
                .onItem().call(tick -> {
                    first.compareAndSet(null, tick.venueTime());
                    if (speed == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    long fileMillis = Duration.between(first.get(), tick.venueTime()).toMillis();
                    Instant due = started.plusMillis((long) (fileMillis / speed));
                    Duration wait = Duration.between(clock.now(), due);
                    return wait.isNegative() || wait.isZero() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
                })
                .map(tick -> rebase
                        ? new MarketTick(tick.symbol(), tick.bid(), tick.ask(), tick.last(),
                                tick.venueTime().plus(Duration.between(first.get(), started)))
                        : tick);
    }
}
