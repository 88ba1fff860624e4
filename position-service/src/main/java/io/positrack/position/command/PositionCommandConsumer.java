package io.positrack.position.command;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.position.deadletter.DeadLetterPublisher;
import io.positrack.position.support.Clock;
import io.positrack.position.support.TransientFailures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The {@code position-commands} consumer: parse, validate, hand over, acknowledge. Records of one
 * partition are handled one at a time, so a symbol's commands apply in order.
 */
@ApplicationScoped
public class PositionCommandConsumer {

    /** Direct channel for answers to commands that were rejected before touching the database. */
    public static final String REJECTIONS = "rejections";

    private final CommandParser parser;
    private final CommandProcessor processor;
    private final DeadLetterPublisher deadLetters;
    private final MutinyEmitter<CommandResult> rejections;
    private final Clock clock;
    private final io.positrack.position.reconciliation.TradingGate gate;

    public PositionCommandConsumer(CommandParser parser, CommandProcessor processor, DeadLetterPublisher deadLetters,
            @Channel(REJECTIONS) MutinyEmitter<CommandResult> rejections, Clock clock,
            io.positrack.position.reconciliation.TradingGate gate) {
        this.gate = gate;
        this.parser = parser;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.rejections = rejections;
        this.clock = clock;
    }

    @Incoming(Topics.POSITION_COMMANDS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        CommandParser.Parsed parsed = parser.parse(record.value());
        if (!parsed.valid()) {
            return deadLetters.send(record, parsed.problem()).call(() -> answerRejection(parsed));
        }
        return gate.admit(parsed.command()).flatMap(admitted -> processor.process(parsed.command()))
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely()
                .onFailure().recoverWithUni(e -> {
                    Log.errorf(e, "Command %s could not be applied", parsed.command().commandId());
                    return deadLetters.send(record, "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage())
                            .replaceWith((CommandResult) null);
                })
                .replaceWithVoid();
    }

    /**
     * Tells the sender its command was refused, when the command says who to tell. Not through the
     * outbox: nothing changed, and the database is not touched for invalid input.
     */
    private Uni<Void> answerRejection(CommandParser.Parsed parsed) {
        JsonNode raw = parsed.raw();
        if (raw == null || !raw.hasNonNull("commandId") || !raw.hasNonNull("account")) {
            return Uni.createFrom().voidItem();
        }
        String symbol = text(raw, "symbol");
        CommandResult result = new CommandResult(raw.get("commandId").asText(), text(raw, "type"), raw.get("account").asText(),
                text(raw, "venue"), symbol, raw.hasNonNull("chatId") && raw.get("chatId").canConvertToLong()
                        ? raw.get("chatId").asLong() : null,
                Outcome.REJECTED_INVALID, parsed.problem(), null, null, clock.now(), text(raw, "requestedAs"), null);
        String key = symbol != null ? symbol : result.account();
        return rejections.sendMessage(Message.of(result).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).build()));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

}
