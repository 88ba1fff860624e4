package io.positrack.gateway.reply;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.deadletter.DeadLetterPublisher;
import io.positrack.gateway.notify.MarketPrices;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The {@code command-results} consumer: parse, check the chat may see the account, render, send once. The
 * result's commandId is the reply key, so a redelivered result finds its claim and sends nothing.
 */
@ApplicationScoped
public class CommandResultConsumer {

    private final ObjectMapper json;
    private final ChatAccess access;
    private final ReplySender sender;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;
    private final ReplyRenderer renderer;

    public CommandResultConsumer(ObjectMapper json, ChatAccess access, ReplySender sender, DeadLetterPublisher deadLetters,
            MeterRegistry registry, MarketPrices prices) {
        this.json = json;
        this.access = access;
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.renderer = new ReplyRenderer(prices::lastPrice);
    }

    @Incoming(Topics.COMMAND_RESULTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        CommandResult result;
        try {
            result = json.readValue(record.value() == null ? "" : record.value(), CommandResult.class);
        } catch (Exception e) {
            return deadLetters.send(record, "not a CommandResult: " + e.getClass().getSimpleName());
        }
        if (result == null || result.commandId() == null || result.commandId().isBlank() || result.outcome() == null) {
            return deadLetters.send(record, "commandId and outcome are required");
        }
        if (result.chatId() == null) {
            return skip("no_chat");
        }
        GatewayConfig.Chat chat = access.chat(result.chatId()).orElse(null);
        if (chat == null) {
            Log.warnf("Result %s is for chat %d, which is not on the allow-list: not sent", result.commandId(), result.chatId());
            return skip("unknown_chat");
        }
        if (!chat.account().equals(result.account())) {
            // A chat sees only its own account, whatever a producer writes.
            Log.warnf("Result %s is for account %s, but chat %d is mapped to another account: not sent", result.commandId(),
                    result.account(), result.chatId());
            return skip("account_mismatch");
        }
        return sender.sendOnce(result.commandId(), chat.id(), ReplyKind.RESULT, renderer.render(result))
                // Only database faults get here: retry until the database is back, the record stays unacknowledged.
                .onFailure().invoke(e -> Log.warnf("Result %s: %s; retrying", result.commandId(), e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    private Uni<Void> skip(String reason) {
        registry.counter("positrack.telegram.results.skipped", "reason", reason).increment();
        return Uni.createFrom().voidItem();
    }
}
