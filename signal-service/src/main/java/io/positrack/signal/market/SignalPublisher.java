package io.positrack.signal.market;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.signal.SignalIssued;
import io.positrack.signal.strategy.Signal;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Announces a new signal on {@code signals}, keyed by symbol, with CloudEvents headers ({@code ce_id} = signal id). */
@ApplicationScoped
public class SignalPublisher {

    static final String SOURCE = "/positrack/signal-service";
    static final String TYPE = "io.positrack.signal.Issued";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public SignalPublisher(@Channel(Topics.SIGNALS) MutinyEmitter<String> emitter, ObjectMapper json, MeterRegistry registry) {
        this.emitter = emitter;
        this.json = json;
        this.registry = registry;
    }

    public static SignalIssued issued(Signal s) {
        return new SignalIssued(s.signalId(), s.symbol(), s.strategy(), s.side(), s.entry(), s.stopLoss(), s.takeProfit(), s.reason(),
                s.barEnd(), s.validUntil());
    }

    /**
     * Completes when the broker has acknowledged it. A broker that stays away costs the announcement, never the
     * signal: it is stored and {@code /getsignal} still offers it, so after a few attempts the failure is dropped.
     */
    public Uni<Void> publish(Signal signal) {
        String value;
        try {
            value = json.writeValueAsString(issued(signal));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise signal " + signal.signalId(), e));
        }
        RecordHeaders headers = new RecordHeaders();
        io.positrack.contracts.CloudEventHeaders.of(signal.signalId(), SOURCE, TYPE, signal.symbol(), signal.barEnd()).forEach((name, text) -> header(headers, name, text));
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(signal.symbol()).withHeaders(headers).build()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(5)
                .invoke(() -> registry.counter("positrack.signal.signals.published", "symbol", signal.symbol()).increment())
                .onFailure().recoverWithItem(e -> {
                    registry.counter("positrack.signal.signals.unpublished", "symbol", signal.symbol()).increment();
                    io.quarkus.logging.Log.warnf("Signal %s was not announced on %s: %s", signal.signalId(), Topics.SIGNALS, e.toString());
                    return null;
                });
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
