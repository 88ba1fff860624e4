package io.positrack.position.venue.paper;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.deadletter.DeadLetterPublisher;
import io.smallrye.mutiny.Uni;

/** Feeds {@code market-ticks} to the paper venue's matching; bad ticks go to the dead-letter topic. */
@ApplicationScoped
public class MarketTickConsumer {

    private final PaperVenue venue;
    private final ObjectMapper json;
    private final DeadLetterPublisher deadLetters;
    private final boolean enabled;

    public MarketTickConsumer(PaperVenue venue, ObjectMapper json, DeadLetterPublisher deadLetters, PositionConfig config) {
        this.venue = venue;
        this.json = json;
        this.deadLetters = deadLetters;
        this.enabled = config.paper().enabled();
    }

    @Incoming(Topics.MARKET_TICKS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        MarketTick tick;
        try {
            tick = json.readValue(record.value(), MarketTick.class);
        } catch (Exception e) {
            return deadLetters.send(record, "malformed tick: " + e.getMessage());
        }
        String problem = problem(tick);
        if (problem != null) {
            return deadLetters.send(record, problem);
        }
        return enabled ? venue.onTick(tick) : Uni.createFrom().voidItem();
    }

    private static String problem(MarketTick t) {
        if (t.symbol() == null || t.symbol().isBlank()) {
            return "tick without symbol";
        }
        if (t.bid() == null || t.ask() == null || t.bid().signum() <= 0 || t.ask().signum() <= 0) {
            return "tick needs positive bid and ask";
        }
        if (t.bid().compareTo(t.ask()) > 0) {
            return "tick has bid above ask";
        }
        return null;
    }
}
