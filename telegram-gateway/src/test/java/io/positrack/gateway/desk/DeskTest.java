package io.positrack.gateway.desk;

import static io.positrack.gateway.support.TestChats.DESK;
import static io.positrack.gateway.support.TestChats.DESK_ADMINS;
import static io.positrack.gateway.support.TestChats.DESK_TRADERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalIssued;
import io.positrack.gateway.command.DeskCallbacks;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.gateway.support.TestChats;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.CallbackAnswer;
import io.positrack.infra.telegram.InlineButton;
import io.positrack.infra.telegram.SentMessage;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat desk against the real broker, the gateway's database and the Bot API stand-in: pushed signals and /close. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class DeskTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    private static final java.util.concurrent.atomic.AtomicBoolean SUBSCRIBED = new java.util.concurrent.atomic.AtomicBoolean();

    @BeforeEach
    void subscribed() {
        if (SUBSCRIBED.compareAndSet(false, true)) {
            standIn.sendUserMessage(DESK, DESK_TRADERS + 19, "/start");
            await().atMost(PATIENCE).until(() -> standIn.sentTo(DESK).stream().anyMatch(m -> m.plainText().contains("Positrack")));
        }
    }

    @Test
    void aPushedSignalReachesTheSubscribedAllowedChatWithOpenAndIgnoreButtons() {
        String signalId = push();

        SentMessage offer = offerOf(signalId);
        assertThat(offer.plainText()).contains("Signal offered: BUY XAUUSD", "Entry: 2650.5", "SL: 2630", "TP: 2690");
        assertThat(offer.buttons()).extracting(InlineButton::text).containsExactly("✅ Open", "✖️ Ignore");
        assertThat(offer.buttons()).extracting(InlineButton::callbackData).containsExactly("o:" + signalId, "i:" + signalId);
        // Once per (signal, chat): a redelivered signal is not offered again.
        kafka.sendRaw(Topics.SIGNALS, "XAUUSD", GatewayKafka.write(signal(signalId)));
        String marker = push();
        offerOf(marker);
        assertThat(standIn.sentTo(DESK).stream().filter(m -> m.buttons().stream().anyMatch(b -> b.callbackData().endsWith(signalId))))
                .hasSize(1);
    }

    @Test
    void openPressedThreeTimesByTwoTradersIsOneCommandForExactlyThatSignal() {
        String signalId = push();
        SentMessage offer = offerOf(signalId);
        var presses = List.of(standIn.pressButton(DESK, DESK_TRADERS, offer.messageId(), "o:" + signalId),
                standIn.pressButton(DESK, DESK_TRADERS + 1, offer.messageId(), "o:" + signalId),
                standIn.pressButton(DESK, DESK_TRADERS, offer.messageId(), "o:" + signalId));
        String commandId = DeskCallbacks.openCommandId(TestChats.account(DESK), DESK, signalId);

        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 3);
        List<BotCommand> commands = kafka.commands(commandId);
        // The same id and the same content: position-service's inbox applies it once (CommandContentHash sees no conflict).
        assertThat(commands).extracting(BotCommand::verb).containsOnly(BotVerb.OPEN_SIGNAL);
        assertThat(commands).extracting(BotCommand::signalId).containsOnly(signalId);
        assertThat(commands).extracting(BotCommand::symbol).containsOnly("XAUUSD");
        assertThat(commands).extracting(BotCommand::issuedAt).containsOnly(commands.get(0).issuedAt());
        assertThat(commands).extracting(BotCommand::chatId).containsOnly(DESK);
        assertThat(kafka.commandRecords(commandId)).extracting(r -> r.key()).containsOnly("XAUUSD");
        await().atMost(PATIENCE).until(() -> presses.stream().allMatch(p -> standIn.answerTo(p).isPresent()));
        await().atMost(PATIENCE).until(() -> standIn.message(offer.messageId()).orElseThrow().keyboard().isEmpty());
    }

    @Test
    void ignoreOpensNothingAndSaysSoInTheMessage() {
        String signalId = push();
        SentMessage offer = offerOf(signalId);
        var press = standIn.pressButton(DESK, DESK_TRADERS + 2, offer.messageId(), "i:" + signalId);

        CallbackAnswer answer = await().atMost(PATIENCE).until(() -> standIn.answerTo(press).orElse(null), a -> a != null);
        assertThat(answer.text()).contains("nothing was opened");
        assertThat(openCommandsFor(signalId)).isEmpty();
        // The edit follows the answer.
        SentMessage edited = await().atMost(PATIENCE).until(() -> standIn.message(offer.messageId()).orElseThrow(),
                m -> m.keyboard().isEmpty());
        assertThat(edited.plainText()).contains("Ignored");
        assertThat(edited.keyboard()).isEmpty();
    }

    @Test
    void closeWithoutConfirmClosesNothing() {
        long update = standIn.sendUserMessage(DESK, DESK_ADMINS, "/close XAUUSD");
        SentMessage question = question("Close XAUUSD?", update);
        assertThat(question.buttons()).extracting(InlineButton::callbackData).containsExactly("cc:XAUUSD", "cx:XAUUSD");
        assertThat(kafka.commands("tg-" + standIn.botId() + "-" + update)).isEmpty();

        var cancel = standIn.pressButton(DESK, DESK_ADMINS, question.messageId(), "cx:XAUUSD");
        CallbackAnswer answer = await().atMost(PATIENCE).until(() -> standIn.answerTo(cancel).orElse(null), a -> a != null);
        assertThat(answer.text()).contains("nothing was closed");
        assertThat(kafka.commands(closeId(question))).isEmpty();
        await().atMost(PATIENCE).until(() -> standIn.message(question.messageId()).orElseThrow().keyboard().isEmpty());
    }

    @Test
    void confirmPressedTwiceIsOneClose() {
        long update = standIn.sendUserMessage(DESK, (DESK_ADMINS + 1), "/close XAUUSD");
        SentMessage question = question("Close XAUUSD?", update);
        standIn.pressButton(DESK, (DESK_ADMINS + 1), question.messageId(), "cc:XAUUSD");
        standIn.pressButton(DESK, (DESK_ADMINS + 1), question.messageId(), "cc:XAUUSD");

        await().atMost(PATIENCE).until(() -> kafka.commands(closeId(question)).size() == 2);
        List<BotCommand> closes = kafka.commands(closeId(question));
        assertThat(closes).extracting(BotCommand::verb).containsOnly(BotVerb.CLOSE);
        assertThat(closes).extracting(BotCommand::symbol).containsOnly("XAUUSD");
        assertThat(closes).extracting(BotCommand::issuedAt).containsOnly(closes.get(0).issuedAt());
    }

    @Test
    void aPressByAUserWhoIsNotAllowedOrNotAdminChangesNothing() {
        String signalId = push();
        SentMessage offer = offerOf(signalId);
        var stranger = standIn.pressButton(DESK, 31337, offer.messageId(), "o:" + signalId);
        long update = standIn.sendUserMessage(DESK, (DESK_ADMINS + 2), "/close XAUUSD");
        SentMessage question = question("Close XAUUSD?", update);
        var member = standIn.pressButton(DESK, (DESK_TRADERS + 3), question.messageId(), "cc:XAUUSD");

        assertThat(await().atMost(PATIENCE).until(() -> standIn.answerTo(stranger).orElse(null), a -> a != null).text())
                .contains("not allowed");
        assertThat(await().atMost(PATIENCE).until(() -> standIn.answerTo(member).orElse(null), a -> a != null).text())
                .contains("Only this chat's admins");
        assertThat(openCommandsFor(signalId)).isEmpty();
        assertThat(kafka.commands(closeId(question))).isEmpty();
        assertThat(standIn.message(offer.messageId()).orElseThrow().keyboard()).isNotEmpty();
    }

    @Test
    void aConfirmationOlderThanTheCommandAgeIsRefused() {
        long update = standIn.sendUserMessage(DESK, (DESK_ADMINS + 3), "/close XAUUSD");
        SentMessage question = question("Close XAUUSD?", update);
        var late = standIn.pressButton(DESK, (DESK_ADMINS + 3), question.messageId(), "cc:XAUUSD", Instant.now().minusSeconds(600));

        CallbackAnswer answer = await().atMost(PATIENCE).until(() -> standIn.answerTo(late).orElse(null), a -> a != null);
        assertThat(answer.text()).contains("while Positrack was offline", "nothing was closed");
        assertThat(kafka.commands(closeId(question))).isEmpty();
    }

    @Test
    void garbageCallbackDataGetsAHelpfulAnswerAndChangesNothing() {
        String signalId = push();
        SentMessage offer = offerOf(signalId);
        List<String> garbage = List.of("garbage", "o:", "o:not a signal", "cc:DROP TABLE", "cc:#0", "cc:#99999999999999999999",
                "x:" + signalId, "\u0000\u0001", "o:" + "A".repeat(70));
        var presses = garbage.stream().map(data -> standIn.pressButton(DESK, (DESK_ADMINS + 4), offer.messageId(), data)).toList();

        await().atMost(PATIENCE).until(() -> presses.stream().allMatch(p -> standIn.answerTo(p).isPresent()));
        assertThat(presses).allSatisfy(p -> assertThat(standIn.answerTo(p).orElseThrow().text())
                .contains("not one Positrack understands", "nothing was changed"));
        assertThat(kafka.commandsFromChat(DESK)).filteredOn(c -> c.userId() != null && c.userId() == DESK_ADMINS + 4)
                .as("no garbage press published anything").isEmpty();
        assertThat(standIn.message(offer.messageId()).orElseThrow().keyboard()).isNotEmpty();
    }

    private List<BotCommand> openCommandsFor(String signalId) {
        return kafka.commandsFromChat(DESK).stream().filter(c -> signalId.equals(c.signalId())).toList();
    }

    private String closeId(SentMessage question) {
        return DeskCallbacks.closeCommandId(standIn.botId(), DESK, question.messageId());
    }

    private SentMessage question(String startsWith, long afterUpdate) {
        return await().atMost(PATIENCE).until(() -> standIn.sentTo(DESK).stream()
                .filter(m -> m.plainText().startsWith(startsWith) && !m.buttons().isEmpty())
                .filter(m -> standIn.message(m.messageId()).map(now -> !now.keyboard().isEmpty()).orElse(false))
                .reduce((first, second) -> second).orElse(null), m -> m != null);
    }

    private String push() {
        String signalId = "XAUUSD-ema-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.sendRaw(Topics.SIGNALS, "XAUUSD", GatewayKafka.write(signal(signalId)));
        return signalId;
    }

    private static SignalIssued signal(String signalId) {
        Instant barEnd = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new SignalIssued(signalId, "XAUUSD", "ema", Side.BUY, new BigDecimal("2650.5"), new BigDecimal("2630"),
                new BigDecimal("2690"), "EMA cross", barEnd, barEnd.plusSeconds(600));
    }

    private SentMessage offerOf(String signalId) {
        return await().atMost(PATIENCE).until(() -> standIn.sentTo(DESK).stream()
                .filter(m -> m.buttons().stream().anyMatch(b -> b.callbackData().equals("o:" + signalId))).findFirst().orElse(null),
                m -> m != null);
    }
}
