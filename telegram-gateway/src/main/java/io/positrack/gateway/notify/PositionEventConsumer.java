package io.positrack.gateway.notify;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.deadletter.DeadLetterPublisher;
import io.positrack.gateway.reply.ReplyKind;
import io.positrack.gateway.reply.ReplyRenderer;
import io.positrack.gateway.reply.ReplySender;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Pushes position events to the subscribed chats of the position's account. Each (position, version, chat) is
 * a reply key: a republished event is recognised and sent nowhere twice.
 */
@ApplicationScoped
public class PositionEventConsumer {

    private final ObjectMapper json;
    private final ChatAccess access;
    private final Subscriptions subscriptions;
    private final ReplySender sender;
    private final DeadLetterPublisher deadLetters;
    private final GatewayConfig config;
    private final ReplyRenderer renderer;

    public PositionEventConsumer(ObjectMapper json, ChatAccess access, Subscriptions subscriptions, ReplySender sender,
            DeadLetterPublisher deadLetters, GatewayConfig config, MarketPrices prices) {
        this.json = json;
        this.access = access;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.config = config;
        this.renderer = new ReplyRenderer(prices::lastPrice);
    }

    @Incoming(Topics.POSITION_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        PositionEvent event;
        try {
            event = json.readValue(record.value() == null ? "" : record.value(), PositionEvent.class);
        } catch (Exception e) {
            return deadLetters.send(record, "not a PositionEvent: " + e.getClass().getSimpleName());
        }
        if (event == null || event.type() == null || event.position() == null || event.position().account() == null) {
            return deadLetters.send(record, "type and position with account are required");
        }
        if (!config.notifyOn().contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String html = renderer.render(event);
        return subscriptions.subscribedAmong(access.chatsOf(event.position().account()))
                .onItem().transformToMulti(chats -> Multi.createFrom().iterable(chats))
                .onItem().transformToUniAndConcatenate(chat -> sender.sendOnce(
                        "event-" + event.positionId() + "-v" + event.version() + "-chat-" + chat, chat, ReplyKind.NOTIFICATION, html))
                .collect().last()
                .onFailure().invoke(e -> Log.warnf("Event %s: %s; retrying", event.eventId(), e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }
}
