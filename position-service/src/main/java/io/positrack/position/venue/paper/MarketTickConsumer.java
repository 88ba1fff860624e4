package io.positrack.position.venue.paper;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.position.config.PositionConfig;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.runtime.rules.TickRules;
import io.positrack.runtime.wire.WireReader;
import io.smallrye.mutiny.Uni;

/**
 * Feeds {@code market-ticks} to the paper venue's matching through the shared pipeline: bad ticks are
 * dead-lettered, and a database outage holds the tick (retried) instead of stopping the consumer.
 */
@ApplicationScoped
public class MarketTickConsumer {

    private final WireReader<MarketTick> ticks;
    private final ConsumerPipeline pipeline;
    private final PaperVenue venue;
    private final boolean enabled;

    public MarketTickConsumer(ConsumerPipeline pipeline, PaperVenue venue, PositionConfig config, OutsideClock clock) {
        this.ticks = WireReader.of(MarketTick.class, t -> TickRules.problems(t, clock));
        this.pipeline = pipeline;
        this.venue = venue;
        this.enabled = config.paper().enabled();
    }

    @Incoming(Topics.MARKET_TICKS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, ticks, (tick, r) -> enabled ? venue.onTick(tick).replaceWith(Verdict.applied())
                : Uni.createFrom().item(Verdict.skipped("paper venue off")));
    }
}
