package io.positrack.signal.market;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.runtime.rules.TickRules;
import io.positrack.runtime.wire.WireReader;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.freshness.LatestTicks;
import io.smallrye.mutiny.Uni;

/**
 * The {@code market-ticks} consumer: ticks that pass {@link TickRules} go to the signal generator; the
 * pipeline dead-letters the others to {@code market-ticks-dlq}.
 */
@ApplicationScoped
public class MarketTickConsumer {

    private final ConsumerPipeline pipeline;
    private final SignalGenerator generator;
    private final Instruments instruments;
    private final OutsideClock clock;
    private final Decoder<MarketTick> decoder;
    private final LatestTicks latest;

    public MarketTickConsumer(ConsumerPipeline pipeline, SignalGenerator generator, Instruments instruments, OutsideClock clock,
            LatestTicks latest) {
        this.pipeline = pipeline;
        this.latest = latest;
        this.generator = generator;
        this.instruments = instruments;
        this.clock = clock;
        this.decoder = WireReader.of(MarketTick.class, t -> TickRules.problems(t, clock));
    }

    @Incoming(Topics.MARKET_TICKS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, decoder, this::handle);
    }

    private Uni<Verdict> handle(MarketTick tick, ConsumerRecord<String, byte[]> record) {
        // A tick without venue time is placed at the moment the broker stored it: a producer's time too, so it is
        // checked against our clock like a venue time (a tick dated 2999 would make every later tick LATE).
        Instant time = tick.venueTime() != null ? tick.venueTime() : Instant.ofEpochMilli(record.timestamp());
        if (tick.venueTime() == null) {
            var problems = clock.eventTime(OutsideClock.Source.MARKET, "record timestamp", time);
            if (!problems.isEmpty()) {
                return Uni.createFrom().item(Verdict.refused(problems.get(0)));
            }
        }
        String symbol = tick.symbol();
        // Before the bars: freshness is about the market, whether or not the strategy watches the symbol.
        latest.offer(symbol, tick.bid(), tick.ask(), time);
        Verdict done = instruments.watches(symbol) ? Verdict.applied() : Verdict.skipped("symbol not watched");
        return generator.onTick(symbol, time, TickRules.price(tick))
                // On any failure the in-memory bars may be ahead of the stored ones: forgetting them makes the
                // next tick (or the pipeline's retry of this one, for a passing fault) start from the database.
                .onFailure().invoke(e -> generator.forget(symbol))
                .replaceWith(done);
    }
}
