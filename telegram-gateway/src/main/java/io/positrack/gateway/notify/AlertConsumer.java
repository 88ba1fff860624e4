package io.positrack.gateway.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.rules.RecordRules;
import io.positrack.gateway.reply.Html;
import io.positrack.gateway.reply.ReplyKind;
import io.positrack.gateway.reply.ReplySender;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Verdict;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Pushes operator alerts from {@code alerts} (for example "new entries on AVAXUSDT are blocked: the venue
 * holds a different size") to the subscribed chats of the alert's account, once per (alert, chat).
 */
@ApplicationScoped
public class AlertConsumer {

    private final io.positrack.runtime.wire.WireReader<Alert> alerts;
    private final ConsumerPipeline pipeline;
    private final ChatAccess access;
    private final Subscriptions subscriptions;
    private final ReplySender sender;

    public AlertConsumer(ConsumerPipeline pipeline, ChatAccess access, Subscriptions subscriptions, ReplySender sender, RecordRules rules) {
        this.alerts = rules.alerts();
        this.pipeline = pipeline;
        this.access = access;
        this.subscriptions = subscriptions;
        this.sender = sender;
    }

    @Incoming(Topics.ALERTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, alerts, (alert, r) -> announce(alert));
    }

    private Uni<Verdict> announce(Alert alert) {
        String html = render(alert);
        return subscriptions.subscribedAmong(access.chatsOf(alert.account()))
                .onItem().transformToMulti(chats -> Multi.createFrom().iterable(chats))
                .onItem().transformToUniAndConcatenate(chat -> sender.sendOnce("alert-" + alert.alertId() + "-chat-" + chat, chat,
                        ReplyKind.NOTIFICATION, html))
                .collect().last()
                .replaceWith(Verdict.applied());
    }

    static String render(Alert alert) {
        StringBuilder html = new StringBuilder("<b>Alert: ").append(Html.escape(alert.type())).append("</b>");
        if (alert.symbol() != null) {
            html.append(" on ").append(Html.escape(alert.symbol()));
        }
        if (alert.positionId() != null) {
            html.append(" (position #").append(alert.positionId()).append(')');
        }
        if (alert.message() != null) {
            html.append('\n').append(Html.escape(alert.message()));
        }
        return html.toString();
    }
}
