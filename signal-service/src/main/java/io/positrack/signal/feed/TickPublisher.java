package io.positrack.signal.feed;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.market.MarketTick;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes feed ticks to {@code market-ticks}, keyed by symbol. */
@ApplicationScoped
public class TickPublisher {

    public static final String CHANNEL = "feed-ticks";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public TickPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter,
            ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Completes when the broker has the tick, so a feed never runs ahead of the broker. */
    public Uni<Void> publish(MarketTick tick) {
        String value;
        try {
            value = json.writeValueAsString(tick);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(tick.symbol()).build()));
    }
}
