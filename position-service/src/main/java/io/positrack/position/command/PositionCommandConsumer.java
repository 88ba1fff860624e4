package io.positrack.position.command;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.position.reconciliation.TradingGate;
import io.positrack.position.support.Clock;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Refusal;
import io.positrack.runtime.consumer.Verdict;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The {@code position-commands} consumer: the shared pipeline parses and validates; a valid command waits for
 * the trading gate and is applied. Records of one partition are handled one at a time, so a symbol's commands
 * apply in order. A refused command that says who sent it is answered REJECTED_INVALID.
 */
@ApplicationScoped
public class PositionCommandConsumer {

    /** Direct channel for answers to commands that were rejected before touching the database. */
    public static final String REJECTIONS = "rejections";

    // The answer to a refused record is built from its untrusted JSON: only ids that pass the command rules are echoed.
    private static final Pattern ID = io.positrack.runtime.rules.Ids.FORM;
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._:@/-]{1,64}$");

    private final ConsumerPipeline pipeline;
    private final CommandParser parser;
    private final CommandProcessor processor;
    private final MutinyEmitter<CommandResult> rejections;
    private final Clock clock;
    private final TradingGate gate;

    public PositionCommandConsumer(ConsumerPipeline pipeline, CommandParser parser, CommandProcessor processor,
            @Channel(REJECTIONS) MutinyEmitter<CommandResult> rejections, Clock clock, TradingGate gate) {
        this.pipeline = pipeline;
        this.parser = parser;
        this.processor = processor;
        this.rejections = rejections;
        this.clock = clock;
        this.gate = gate;
    }

    @Incoming(Topics.POSITION_COMMANDS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, parser,
                (command, r) -> gate.admit(command).flatMap(admitted -> processor.process(command)).replaceWith(Verdict.applied()),
                this::answerRejection);
    }

    /**
     * Tells the sender its command was refused, when the command says who to tell. Not through the outbox:
     * nothing changed, and the database is not touched for invalid input.
     */
    private Uni<Void> answerRejection(ConsumerRecord<String, byte[]> record, Refusal refusal, JsonNode raw) {
        String commandId = text(raw, "commandId", ID);
        String account = text(raw, "account", ID);
        if (commandId == null || account == null) {
            return Uni.createFrom().voidItem();
        }
        String symbol = text(raw, "symbol", ID);
        JsonNode chat = raw.get("chatId");
        Long chatId = chat != null && chat.isIntegralNumber() && chat.canConvertToLong() ? chat.asLong() : null;
        CommandResult result = new CommandResult(commandId, text(raw, "type", NAME), account, text(raw, "venue", NAME), symbol,
                chatId, Outcome.REJECTED_INVALID, refusal.detail(), null, null, clock.now(), text(raw, "requestedAs", NAME), null);
        return rejections.sendMessage(Message.of(result).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Topics.keyOf(symbol, account)).build()));
    }

    private static String text(JsonNode raw, String field, Pattern allowed) {
        JsonNode node = raw == null ? null : raw.get(field);
        return node != null && node.isTextual() && allowed.matcher(node.asText()).matches() ? node.asText() : null;
    }
}
