package io.positrack.gateway.command;

import static io.positrack.gateway.support.TestChats.GROUP;
import static io.positrack.gateway.support.TestChats.GROUP_ADMIN;
import static io.positrack.gateway.support.TestChats.GROUP_MEMBER;
import static io.positrack.gateway.support.TestChats.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Observe;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.gateway.support.TestChats;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I12: only allow-listed chats and users reach commands; /close may be reserved to admins. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class AllowListTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @Test
    void aChatNotOnTheAllowListGetsAShortRefusalAndChangesNothingAnywhere() {
        double refusedBefore = Observe.metric("positrack_telegram_chats_refused_total", "reason=\"chat\"");
        long subscriptionsBefore = GatewayDatabase.count("SELECT count(*) FROM subscriptions");

        long start = standIn.sendUserMessage(UNKNOWN, 4242, "/start");
        long update = standIn.sendUserMessage(UNKNOWN, 4242, "/getsignal XAUUSD");
        // A later command from an allowed chat: once it is published, both refused updates have been handled.
        long marker = standIn.sendUserMessage(GROUP, GROUP_ADMIN, "/positions");
        await().atMost(PATIENCE).until(() -> kafka.commands(id(marker)).size() == 1);

        assertThat(standIn.sentTo(UNKNOWN)).extracting(m -> m.plainText())
                .contains("This chat is not allowed to use this bot.");
        assertThat(kafka.commands(id(update))).isEmpty();
        assertThat(kafka.commands(id(start))).isEmpty();
        assertThat(kafka.commandsFromChat(UNKNOWN)).isEmpty();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM processed_updates WHERE update_id IN (?, ?)", start, update)).isZero();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM sent_replies WHERE chat_id = ?", UNKNOWN)).isZero();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM subscriptions")).isEqualTo(subscriptionsBefore);
        assertThat(Observe.metric("positrack_telegram_chats_refused_total", "reason=\"chat\"")).isEqualTo(refusedBefore + 2);
    }

    @Test
    void aUserNotAllowedInAnAllowedGroupIsRefusedAndPublishesNothing() {
        long update = standIn.sendUserMessage(GROUP, 31337, "/getsignal");
        long marker = standIn.sendUserMessage(GROUP, GROUP_MEMBER, "/sessions");
        await().atMost(PATIENCE).until(() -> kafka.commands(id(marker)).size() == 1);

        assertThat(kafka.commands(id(update))).isEmpty();
        assertThat(standIn.sentTo(GROUP)).extracting(m -> m.plainText()).contains("You are not allowed to use this bot in this chat.");
    }

    @Test
    void closeIsRefusedToAMemberAndPublishedForAnAdminOnceConfirmed() {
        long byMember = standIn.sendUserMessage(GROUP, GROUP_MEMBER, "/close XAUUSD");
        standIn.sendUserMessage(GROUP, GROUP_ADMIN, "/close #12");
        io.positrack.infra.telegram.SentMessage question = await().atMost(PATIENCE).until(() -> standIn.sentTo(GROUP).stream()
                .filter(m -> m.plainText().startsWith("Close #12?")).findFirst().orElse(null), m -> m != null);
        standIn.pressButton(GROUP, GROUP_ADMIN, question.messageId(), "cc:#12");
        String closeId = DeskCallbacks.closeCommandId(standIn.botId(), GROUP, question.messageId());
        await().atMost(PATIENCE).until(() -> kafka.commands(closeId).size() == 1);

        assertThat(kafka.commands(id(byMember))).isEmpty();
        assertThat(standIn.sentTo(GROUP)).extracting(m -> m.plainText()).contains(Replies.REFUSED_ADMIN);
        BotCommand close = kafka.commands(closeId).get(0);
        assertThat(close.verb()).isEqualTo(BotVerb.CLOSE);
        assertThat(close.positionId()).isEqualTo(12L);
        assertThat(close.symbol()).isNull();
        assertThat(close.account()).isEqualTo(TestChats.account(GROUP));
        // No symbol: keyed by account.
        assertThat(kafka.commandRecords(closeId).get(0).key()).isEqualTo(TestChats.account(GROUP));
    }

    @Test
    void stopsAreRefusedToAMemberAndPublishedWithTheTypedPricesForAnAdmin() {
        long byMember = standIn.sendUserMessage(GROUP, GROUP_MEMBER, "/stops XAUUSD 2600 2700");
        long byAdmin = standIn.sendUserMessage(GROUP, GROUP_ADMIN, "/stops XAUUSD 2631.5 -");
        await().atMost(PATIENCE).until(() -> kafka.commands(id(byAdmin)).size() == 1);

        assertThat(kafka.commands(id(byMember))).isEmpty();
        BotCommand stops = kafka.commands(id(byAdmin)).get(0);
        assertThat(stops.verb()).isEqualTo(BotVerb.UPDATE_STOPS);
        assertThat(stops.symbol()).isEqualTo("XAUUSD");
        assertThat(stops.stopLoss()).isEqualByComparingTo("2631.5");
        assertThat(stops.takeProfit()).isNull();
        assertThat(kafka.commandRecords(id(byAdmin)).get(0).key()).isEqualTo("XAUUSD");
    }

    private String id(long update) {
        return "tg-" + standIn.botId() + "-" + update;
    }
}
