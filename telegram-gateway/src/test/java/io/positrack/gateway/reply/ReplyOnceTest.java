package io.positrack.gateway.reply;

import static io.positrack.gateway.support.TestChats.REPLY;
import static io.positrack.gateway.support.TestChats.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Observe;
import io.positrack.gateway.support.Snapshots;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.gateway.support.TestChats;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.Fault;
import io.positrack.infra.telegram.SentMessage;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every accepted command gets exactly one reply: through Kafka redelivery, 429s, server errors and dropped connections. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class ReplyOnceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @Test
    void aResultDeliveredThreeTimesThrough429And5xxAndADroppedConnectionIsSentExactlyOnce() {
        String account = TestChats.account(REPLY);
        long update = standIn.sendUserMessage(REPLY, 77, "/status EURUSD");
        String commandId = "tg-" + standIn.botId() + "-" + update;
        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 1);
        double rateLimitedRetries = Observe.metric("positrack_telegram_send_retries_total", "reason=\"rate_limited\"");
        double serverErrorRetries = Observe.metric("positrack_telegram_send_retries_total", "reason=\"server_error\"");
        double networkRetries = Observe.metric("positrack_telegram_send_retries_total", "reason=\"network\"");
        int attemptsBefore = standIn.sendMessageAttempts();
        double duplicatesBefore = Observe.metric("positrack_telegram_replies_duplicates_total", "kind=\"result\"");

        standIn.injectSendFaults(Fault.rateLimited(1), Fault.serverError(502), Fault.dropConnection());
        CommandResult result = Snapshots.result(commandId, "QueryStatus", account, "EURUSD", REPLY, Outcome.STATUS,
                Snapshots.active(501, account, "EURUSD", Side.BUY));
        kafka.sendResult(result);
        kafka.sendResult(result);
        kafka.sendResult(result);
        // Same key, so same partition: once this one is answered, the copies before it have been handled.
        kafka.sendResult(Snapshots.result("marker-" + UUID.randomUUID(), "QueryStatus", account, "EURUSD", REPLY, Outcome.STATUS,
                Snapshots.active(502, account, "EURUSD", Side.BUY)));
        await().atMost(PATIENCE).until(() -> !mentioning(REPLY, "#502").isEmpty());

        assertThat(mentioning(REPLY, "#501")).hasSize(1);
        // The two copies were consumed and recognised, not lost.
        assertThat(Observe.metric("positrack_telegram_replies_duplicates_total", "kind=\"result\"")).isEqualTo(duplicatesBefore + 2);
        // Four attempts for the first reply (three refused, one delivered), one for the marker.
        assertThat(standIn.sendMessageAttempts() - attemptsBefore).isEqualTo(5);
        assertThat(Observe.metric("positrack_telegram_send_retries_total", "reason=\"rate_limited\"")).isEqualTo(rateLimitedRetries + 1);
        assertThat(Observe.metric("positrack_telegram_send_retries_total", "reason=\"server_error\"")).isEqualTo(serverErrorRetries + 1);
        assertThat(Observe.metric("positrack_telegram_send_retries_total", "reason=\"network\"")).isEqualTo(networkRetries + 1);
        assertThat(GatewayDatabase.count("SELECT count(*) FROM sent_replies WHERE reply_key = ? AND status = 'SENT' AND attempts = 4",
                commandId)).isEqualTo(1);
    }

    @Test
    void aReplyLongerThan4096CharactersArrivesInPartsTelegramAccepts() {
        String account = TestChats.account(SPLIT);
        List<PositionSnapshot> history = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            history.add(Snapshots.closed(10_000 + i, account, "XAUUSD", i % 2 == 0 ? "12.5" : "-3.25", "TAKE_PROFIT <&> \"x\""));
        }
        CommandResult result = new CommandResult("history-" + UUID.randomUUID(), "History", account, null, null, SPLIT, Outcome.HISTORY,
                null, null, history, Instant.now(), null, null);

        kafka.sendResult(result);

        await().atMost(PATIENCE).until(() -> standIn.sentTo(SPLIT).stream().mapToLong(m -> count(m.plainText(), "TAKE_PROFIT <&>")).sum() == 60);
        List<SentMessage> parts = standIn.sentTo(SPLIT);
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(TelegramBotApiStandIn.MAX_MESSAGE_LENGTH));
        for (int i = 0; i < 60; i++) {
            String id = "#" + (10_000 + i) + " ";
            assertThat(parts.stream().filter(m -> m.plainText().contains(id)).count()).as(id).isEqualTo(1);
        }
    }

    private List<SentMessage> mentioning(long chat, String text) {
        return standIn.sentTo(chat).stream().filter(m -> m.plainText().contains(text)).toList();
    }

    private static long count(String text, String fragment) {
        long n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
