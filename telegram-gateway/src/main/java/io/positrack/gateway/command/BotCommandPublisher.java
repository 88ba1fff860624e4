package io.positrack.gateway.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes accepted commands on {@code bot-commands}, keyed by symbol (by account when there is none). */
@ApplicationScoped
public class BotCommandPublisher {

    private final MutinyEmitter<BotCommand> emitter;
    private final MeterRegistry registry;

    public BotCommandPublisher(@Channel(Topics.BOT_COMMANDS) MutinyEmitter<BotCommand> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    /** Completes once the broker has acknowledged the record. */
    public Uni<Void> publish(BotCommand command) {
        String key = io.positrack.contracts.Topics.keyOf(command.symbol(), command.account());
        return emitter.sendMessage(Message.of(command)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .invoke(() -> registry.counter("positrack.telegram.commands.published", "verb", command.verb().name()).increment());
    }
}
