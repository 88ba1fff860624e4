package io.positrack.signal.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.PositionCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends position commands to {@code position-commands}, keyed by symbol. */
@ApplicationScoped
public class PositionCommandPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public PositionCommandPublisher(@Channel(Topics.POSITION_COMMANDS) MutinyEmitter<String> emitter, ObjectMapper json,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Completes when the broker has acknowledged the command ({@code acks=all}); only then may the
     * caller acknowledge what caused it.
     *
     * @param verb the bot command it answers, or {@code null} for commands signal-service issues itself
     */
    public Uni<Void> send(PositionCommand command, BotVerb verb) {
        String value;
        try {
            value = json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise " + command.typeName(), e));
        }
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(CommandTranslator.key(command)).build()))
                .invoke(() -> registry.counter("positrack.signal.commands.forwarded", "verb", verb == null ? "NONE" : verb.name(),
                        "type", command.typeName()).increment());
    }
}
