package io.positrack.gateway.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.rules.RecordRules;
import io.positrack.gateway.reply.ReplyKind;
import io.positrack.gateway.reply.ReplyRenderer;
import io.positrack.gateway.reply.ReplySender;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Verdict;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Pushes position events to the subscribed chats of the position's account. Each (position, version, chat) is
 * a reply key: a republished event, or one retried after a database fault, is sent nowhere twice.
 */
@ApplicationScoped
public class PositionEventConsumer {

    private final io.positrack.runtime.wire.WireReader<PositionEvent> events;
    private final ConsumerPipeline pipeline;
    private final ChatAccess access;
    private final Subscriptions subscriptions;
    private final ReplySender sender;
    private final GatewayConfig config;
    private final ReplyRenderer renderer;

    public PositionEventConsumer(ConsumerPipeline pipeline, ChatAccess access, Subscriptions subscriptions, ReplySender sender,
            GatewayConfig config, MarketPrices prices, RecordRules rules) {
        this.events = rules.events();
        this.pipeline = pipeline;
        this.access = access;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.config = config;
        this.renderer = new ReplyRenderer(prices::lastPrice);
    }

    @Incoming(Topics.POSITION_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, events, (event, r) -> announce(event));
    }

    private Uni<Verdict> announce(PositionEvent event) {
        if (!config.notifyOn().contains(event.type())) {
            return Uni.createFrom().item(Verdict.skipped("not_notified"));
        }
        String html = renderer.render(event);
        return subscriptions.subscribedAmong(access.chatsOf(event.position().account()))
                .onItem().transformToMulti(chats -> Multi.createFrom().iterable(chats))
                .onItem().transformToUniAndConcatenate(chat -> sender.sendOnce(
                        "event-" + event.positionId() + "-v" + event.version() + "-chat-" + chat, chat, ReplyKind.NOTIFICATION, html))
                .collect().last()
                .replaceWith(Verdict.applied());
    }
}
