package io.positrack.gateway.notify;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.deadletter.DeadLetterPublisher;
import io.positrack.gateway.reply.Html;
import io.positrack.gateway.reply.ReplyKind;
import io.positrack.gateway.reply.ReplySender;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Pushes operator alerts from {@code alerts} (for example "new entries on AVAXUSDT are blocked: the venue
 * holds a different size") to the subscribed chats of the alert's account, once per (alert, chat).
 */
@ApplicationScoped
public class AlertConsumer {

    private final ObjectMapper json;
    private final ChatAccess access;
    private final Subscriptions subscriptions;
    private final ReplySender sender;
    private final DeadLetterPublisher deadLetters;

    public AlertConsumer(ObjectMapper json, ChatAccess access, Subscriptions subscriptions, ReplySender sender,
            DeadLetterPublisher deadLetters) {
        this.json = json;
        this.access = access;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.ALERTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Alert alert;
        try {
            alert = json.readValue(record.value() == null ? "" : record.value(), Alert.class);
        } catch (Exception e) {
            return deadLetters.send(record, "not an Alert: " + e.getClass().getSimpleName());
        }
        if (alert == null || alert.alertId() == null || alert.account() == null || alert.type() == null) {
            return deadLetters.send(record, "alertId, type and account are required");
        }
        String html = render(alert);
        return subscriptions.subscribedAmong(access.chatsOf(alert.account()))
                .onItem().transformToMulti(chats -> Multi.createFrom().iterable(chats))
                .onItem().transformToUniAndConcatenate(chat -> sender.sendOnce("alert-" + alert.alertId() + "-chat-" + chat, chat,
                        ReplyKind.NOTIFICATION, html))
                .collect().last()
                .onFailure().invoke(e -> Log.warnf("Alert %s: %s; retrying", alert.alertId(), e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
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
