package io.positrack.signal.market;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.signal.deadletter.DeadLetterPublisher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** The {@code market-ticks} consumer: check, hand to the signal generator; bad ticks go to {@code market-ticks-dlq}. */
@ApplicationScoped
public class MarketTickConsumer {

    private final ObjectMapper json;
    private final SignalGenerator generator;
    private final DeadLetterPublisher deadLetters;

    public MarketTickConsumer(ObjectMapper json, SignalGenerator generator, DeadLetterPublisher deadLetters) {
        this.json = json;
        this.generator = generator;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.MARKET_TICKS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            return deadLetters.send(record, "empty tick");
        }
        MarketTick tick;
        try {
            tick = json.readValue(record.value(), MarketTick.class);
        } catch (JsonProcessingException e) {
            return deadLetters.send(record, "malformed tick: " + e.getOriginalMessage());
        }
        String problem = TickCheck.problem(tick);
        if (problem != null) {
            return deadLetters.send(record, problem);
        }
        // A tick without venue time is placed at the moment the broker stored it.
        Instant time = tick.venueTime() != null ? tick.venueTime() : Instant.ofEpochMilli(record.timestamp());
        String symbol = tick.symbol();
        return generator.onTick(symbol, time, TickCheck.price(tick))
                .onFailure().recoverWithUni(e -> {
                    Log.errorf(e, "Tick of %s could not be applied", symbol);
                    generator.forget(symbol);
                    return deadLetters.send(record, "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                });
    }
}
