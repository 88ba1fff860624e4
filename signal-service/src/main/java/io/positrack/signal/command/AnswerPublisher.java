package io.positrack.signal.command;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the results signal-service produces itself to {@code command-results}, keyed like their
 * command (symbol, else account). They are not in a database transaction: a crash before the bot command
 * is acknowledged answers it again, with the same command id, which consumers deduplicate.
 */
@ApplicationScoped
public class AnswerPublisher {

    public static final String CHANNEL = "answers";
    static final String SOURCE = "/positrack/signal-service";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public AnswerPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json, MeterRegistry registry) {
        this.emitter = emitter;
        this.json = json;
        this.registry = registry;
    }

    public Uni<Void> send(CommandResult result) {
        String value;
        try {
            value = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise the result of " + result.commandId(), e));
        }
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(io.positrack.contracts.Topics.keyOf(result.symbol(), result.account()));
        // Like position-service: REJECTED_INVALID answers go without CloudEvents headers, the others carry them.
        if (result.outcome() != Outcome.REJECTED_INVALID) {
            RecordHeaders headers = new RecordHeaders();
            io.positrack.contracts.CloudEventHeaders.of("result-" + result.commandId(), SOURCE, "io.positrack.command.Result", result.commandId(), result.producedAt()).forEach((name, text) -> header(headers, name, text));
            metadata.withHeaders(headers);
        }
        return emitter.sendMessage(Message.of(value).addMetadata(metadata.build()))
                .invoke(() -> registry.counter("positrack.signal.commands.answered", "outcome", result.outcome().name()).increment());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
