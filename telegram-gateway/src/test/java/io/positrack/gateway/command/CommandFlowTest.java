package io.positrack.gateway.command;

import static io.positrack.gateway.support.TestChats.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.Side;
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

/** A chat message through long polling to bot-commands, and a command result back to the chat. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class CommandFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @Test
    void getSignalBecomesOneBotCommandKeyedBySymbolWithAnIdDerivedFromTheUpdate() {
        long update = standIn.sendUserMessage(FLOW, 555, "/getsignal xauusd");
        String commandId = "tg-" + standIn.botId() + "-" + update;

        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 1);

        ConsumerRecord<String, String> record = kafka.commandRecords(commandId).get(0);
        assertThat(record.key()).isEqualTo("XAUUSD");
        BotCommand command = kafka.commands(commandId).get(0);
        assertThat(command.verb()).isEqualTo(BotVerb.GET_SIGNAL);
        assertThat(command.account()).isEqualTo(TestChats.account(FLOW));
        assertThat(command.symbol()).isEqualTo("XAUUSD");
        assertThat(command.chatId()).isEqualTo(FLOW);
        assertThat(command.userId()).isEqualTo(555L);
        assertThat(command.issuedAt()).isNotNull();
    }

    @Test
    void theResultOfAStatusCommandIsRenderedWithSideEntryStopsAndVersion() {
        long update = standIn.sendUserMessage(FLOW, 555, "/status");
        String commandId = "tg-" + standIn.botId() + "-" + update;
        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 1);

        kafka.sendResult(Snapshots.result(commandId, "QueryStatus", TestChats.account(FLOW), "XAUUSD", FLOW, Outcome.STATUS,
                Snapshots.active(301, TestChats.account(FLOW), "XAUUSD", Side.BUY)));

        SentMessage reply = await().atMost(PATIENCE).until(() -> replyMentioning("#301"), m -> m != null);
        assertThat(reply.parseMode()).isEqualTo("HTML");
        assertThat(reply.plainText()).contains("BUY XAUUSD", "ACTIVE", "v3", "Entry: 2650.4", "SL: 2630.5", "TP: 2681.5");
    }

    @Test
    void getSignalWithoutANewSignalSaysSoAndShowsTheOpenPosition() {
        long update = standIn.sendUserMessage(FLOW, 555, "/getsignal");
        String commandId = "tg-" + standIn.botId() + "-" + update;
        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 1);

        CommandResult status = Snapshots.result(commandId, "QueryStatus", TestChats.account(FLOW), "XAUUSD", FLOW, Outcome.STATUS,
                Snapshots.active(302, TestChats.account(FLOW), "XAUUSD", Side.SELL));
        kafka.sendResult(new CommandResult(status.commandId(), status.commandType(), status.account(), status.venue(), status.symbol(),
                status.chatId(), status.outcome(), null, status.position(), null, status.producedAt(), "getsignal", null));

        SentMessage reply = await().atMost(PATIENCE).until(() -> replyMentioning("#302"), m -> m != null);
        assertThat(reply.plainText()).startsWith("No new signal for XAUUSD.").contains("Open position:", "SELL XAUUSD");
    }

    @Test
    void deskCommandsBecomeBotCommandsKeyedBySymbolOrAccountWithTheirArguments() {
        // A user of its own: the per-user rate limit (10 a minute) is shared by the other tests' user 555.
        long manual = standIn.sendUserMessage(FLOW, 556, "/short xauusd 0.25");
        long pauseAll = standIn.sendUserMessage(FLOW, 556, "/pause");
        long daily = standIn.sendUserMessage(FLOW, 556, "/daily 30");
        String manualId = "tg-" + standIn.botId() + "-" + manual;
        String pauseId = "tg-" + standIn.botId() + "-" + pauseAll;
        String dailyId = "tg-" + standIn.botId() + "-" + daily;

        await().atMost(PATIENCE).until(() -> kafka.commands(manualId).size() == 1 && kafka.commands(pauseId).size() == 1
                && kafka.commands(dailyId).size() == 1);

        BotCommand entry = kafka.commands(manualId).get(0);
        assertThat(entry.verb()).isEqualTo(BotVerb.SHORT);
        assertThat(entry.quantity()).isEqualByComparingTo("0.25");
        assertThat(kafka.commandRecords(manualId).get(0).key()).isEqualTo("XAUUSD");
        BotCommand pause = kafka.commands(pauseId).get(0);
        assertThat(pause.verb()).isEqualTo(BotVerb.PAUSE);
        assertThat(pause.symbol()).as("the whole account").isNull();
        assertThat(kafka.commandRecords(pauseId).get(0).key()).isEqualTo(TestChats.account(FLOW));
        assertThat(kafka.commands(dailyId).get(0).limit()).isEqualTo(30);
    }

    @Test
    void helpIsAnsweredByTheGatewayItselfAndPublishesNothing() {
        long update = standIn.sendUserMessage(FLOW, 555, "/help");

        await().atMost(PATIENCE).until(() -> replyMentioning("/getsignal [SYMBOL]") != null);
        assertThat(kafka.commands("tg-" + standIn.botId() + "-" + update)).isEmpty();
    }

    @Test
    void badInputGetsAHelpfulReplyAndPublishesNothing() {
        List<Long> updates = List.of(
                standIn.sendUserMessage(FLOW, 555, "/history 0"),
                standIn.sendUserMessage(FLOW, 555, "/getsignal <XAU&>"),
                standIn.sendUserMessage(FLOW, 555, "/frobnicate now"));

        await().atMost(PATIENCE).until(() -> replyMentioning("N must be between 1 and 50") != null
                && replyMentioning("\"<XAU&>\" is not a symbol") != null
                && replyMentioning("Unknown command /frobnicate") != null);
        updates.forEach(u -> assertThat(kafka.commands("tg-" + standIn.botId() + "-" + u)).isEmpty());
    }

    @Test
    void aRedeliveredUpdateIsRecognisedAndProducesNoSecondCommand() {
        long update = standIn.sendUserMessage(FLOW, 555, "/positions");
        String commandId = "tg-" + standIn.botId() + "-" + update;
        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 1);
        double duplicatesBefore = Observe.metric("positrack_telegram_updates_duplicates_total");

        standIn.redeliver(update);
        long marker = standIn.sendUserMessage(FLOW, 555, "/sessions");

        // Updates are handled in order: once the later one is published, the redelivered one has been handled.
        await().atMost(PATIENCE).until(() -> kafka.commands("tg-" + standIn.botId() + "-" + marker).size() == 1);
        assertThat(kafka.commandRecords(commandId)).hasSize(1);
        // The gateway did see it again, and recognised it.
        assertThat(Observe.metric("positrack_telegram_updates_duplicates_total")).isEqualTo(duplicatesBefore + 1);
    }

    private SentMessage replyMentioning(String text) {
        return standIn.sentTo(FLOW).stream().filter(m -> m.plainText().contains(text)).findFirst().orElse(null);
    }
}
