package io.positrack.gateway.reply;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.notify.MarketPrices;
import io.positrack.gateway.rules.RecordRules;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Verdict;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The {@code command-results} consumer: check the chat may see the account, render, send once. The result's
 * commandId is the reply key, so a redelivered result finds its claim and sends nothing. Reading, dead
 * letters and retries of database faults are the shared pipeline's.
 */
@ApplicationScoped
public class CommandResultConsumer {

    private final io.positrack.runtime.wire.WireReader<CommandResult> results;
    private final ConsumerPipeline pipeline;
    private final ChatAccess access;
    private final ReplySender sender;
    private final MeterRegistry registry;
    private final ReplyRenderer renderer;

    public CommandResultConsumer(ConsumerPipeline pipeline, ChatAccess access, ReplySender sender, MeterRegistry registry,
            MarketPrices prices, RecordRules rules) {
        this.results = rules.results();
        this.pipeline = pipeline;
        this.access = access;
        this.sender = sender;
        this.registry = registry;
        this.renderer = new ReplyRenderer(prices::lastPrice);
    }

    @Incoming(Topics.COMMAND_RESULTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, results, (result, r) -> reply(result));
    }

    private Uni<Verdict> reply(CommandResult result) {
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
        // A Bot API refusal is an outcome inside ReplySender; only database faults fail here, and the pipeline
        // retries those (the retry finds its own claim if the first attempt got that far).
        return sender.sendOnce(result.commandId(), chat.id(), ReplyKind.RESULT, renderer.render(result))
                .replaceWith(Verdict.applied());
    }

    private Uni<Verdict> skip(String reason) {
        registry.counter("positrack.telegram.results.skipped", "reason", reason).increment();
        return Uni.createFrom().item(Verdict.skipped(reason));
    }
}
