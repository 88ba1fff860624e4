package io.positrack.gateway.notify;

import static io.positrack.gateway.support.TestChats.NOTIFY;
import static io.positrack.gateway.support.TestChats.NOTIFY_OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Observe;
import io.positrack.gateway.support.Snapshots;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.gateway.support.TestChats;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.SentMessage;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** position-events reach the subscribed chats of the position's account, once per (position, version). */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class NotificationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @BeforeEach
    void subscribe() {
        if (GatewayDatabase.count("SELECT count(*) FROM subscriptions WHERE chat_id = ?", NOTIFY) == 0) {
            standIn.sendUserMessage(NOTIFY, 66, "/start");
            await().atMost(PATIENCE).until(() -> GatewayDatabase.count("SELECT count(*) FROM subscriptions WHERE chat_id = ?", NOTIFY) == 1);
        }
    }

    @Test
    void aClosedPositionIsAnnouncedWithPnlAndReasonOnceEvenWhenTheEventIsRepublished() {
        String account = TestChats.account(NOTIFY);
        double duplicatesBefore = Observe.metric("positrack_telegram_replies_duplicates_total", "kind=\"notification\"");
        PositionEvent closed = event(PositionEventType.PositionClosed, Snapshots.closed(601, account, "GBPUSD", "-10.05", "STOP_LOSS"));
        kafka.sendEvent(closed);
        kafka.sendEvent(closed);
        // Not subscribed: chat NOTIFY_OTHER never sent /start.
        kafka.sendEvent(event(PositionEventType.PositionClosed, Snapshots.closed(603, TestChats.account(NOTIFY_OTHER), "GBPUSD", "1", "COMMAND")));
        PositionEvent marker = event(PositionEventType.PositionActivated, Snapshots.active(602, account, "GBPUSD", Side.BUY));
        kafka.sendEvent(marker);

        await().atMost(PATIENCE).until(() -> !mentioning("#602").isEmpty());
        assertThat(mentioning("#601")).singleElement().satisfies(m -> assertThat(m.plainText())
                .contains("closed", "BUY GBPUSD", "STOP_LOSS", "realized PnL -10.05"));
        assertThat(mentioning("#602")).singleElement().satisfies(m -> assertThat(m.plainText()).contains("is active", "filled at 2650.4"));
        assertThat(Observe.metric("positrack_telegram_replies_duplicates_total", "kind=\"notification\"")).isEqualTo(duplicatesBefore + 1);
        assertThat(standIn.sentTo(NOTIFY_OTHER)).isEmpty();
        assertThat(mentioning("#603")).isEmpty();
    }

    @Test
    void aReconciledCloseSaysTheVenueNoLongerShowsThePosition() {
        String account = TestChats.account(NOTIFY);
        kafka.sendEvent(event(PositionEventType.PositionClosed, Snapshots.closed(604, account, "GBPUSD", "0", "RECONCILED")));

        await().atMost(PATIENCE).until(() -> !mentioning("#604").isEmpty());
        assertThat(mentioning("#604").get(0).plainText()).contains("closed by reconciliation", "no longer shows it");
    }

    @Test
    void anOperatorAlertReachesTheAccountsSubscribedChatsOnce() {
        String account = TestChats.account(NOTIFY);
        String value = GatewayKafka.write(alert(account, "New entries on AVAXUSDT are blocked: venue size 1 differs from ours 2 <by 0.5>"));
        kafka.sendRaw(io.positrack.contracts.Topics.ALERTS, "AVAXUSDT", value);
        kafka.sendRaw(io.positrack.contracts.Topics.ALERTS, "AVAXUSDT", value);
        // Same key, same partition: once this one is out, both copies before it were handled.
        kafka.sendRaw(io.positrack.contracts.Topics.ALERTS, "AVAXUSDT", GatewayKafka.write(alert(account, "marker alert")));

        await().atMost(PATIENCE).until(() -> standIn.sentTo(NOTIFY).stream().anyMatch(m -> m.plainText().contains("marker alert")));
        assertThat(standIn.sentTo(NOTIFY).stream().filter(m -> m.plainText().contains("differs from ours 2")).toList()).singleElement()
                .satisfies(m -> assertThat(m.plainText()).contains("SIZE_MISMATCH", "AVAXUSDT", "position #605", "<by 0.5>"));
        assertThat(standIn.sentTo(NOTIFY_OTHER)).isEmpty();
    }

    private static io.positrack.contracts.alert.Alert alert(String account, String message) {
        return new io.positrack.contracts.alert.Alert(java.util.UUID.randomUUID().toString(),
                io.positrack.contracts.alert.Alert.SIZE_MISMATCH, account, "paper", "AVAXUSDT", 605L, message,
                java.util.Map.of("venueQuantity", "1"), Instant.now());
    }

    private static PositionEvent event(PositionEventType type, PositionSnapshot position) {
        return new PositionEvent(PositionEvent.eventId(position.id(), position.version()), type, position.id(), position.version(),
                "test", Instant.now(), position);
    }

    private List<SentMessage> mentioning(String text) {
        return standIn.sentTo(NOTIFY).stream().filter(m -> m.plainText().contains(text + " ") || m.plainText().contains(text + ":")
                || m.plainText().contains(text + " (")).toList();
    }
}
