package io.positrack.signal.command;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;

/** I11 on {@code bot-commands}: a bad command is dead-lettered with its reason, answered when possible, and nothing else happens. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class InvalidBotCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SignalTestClient kafka = SignalTestClient.get();

    @Test
    void anUnparseableCommandIsDeadLetteredWithItsReasonAndTheNextCommandStillGoesThrough() {
        String marker = "garbage-" + UUID.randomUUID();
        kafka.sendRaw(Topics.BOT_COMMANDS, "BADUSD", "{" + marker);
        BotCommand after = SignalTestClient.bot(BotVerb.STATUS, SignalTestClient.uniqueAccount("after-garbage"), "BADUSD");
        kafka.send(after);

        ConsumerRecord<String, String> dead = deadLetter(marker);
        assertThat(SignalTestClient.header(dead, "dead-letter-reason")).startsWith("not JSON");
        assertThat(SignalTestClient.header(dead, "dead-letter-topic")).isEqualTo(Topics.BOT_COMMANDS);
        assertThat(dead.key()).isEqualTo("BADUSD");
        await().atMost(PATIENCE).until(() -> kafka.positionCommandRecord(after.commandId()).isPresent());
    }

    @Test
    void getSignalForASymbolTheStrategyDoesNotWatchIsRejectedAndNotForwarded() {
        BotCommand c = SignalTestClient.bot(BotVerb.GET_SIGNAL, SignalTestClient.uniqueAccount("unwatched"), "NOPEUSD");
        kafka.send(c);

        CommandResult answer = answer(c.commandId());
        assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_INVALID);
        // The watched list is the %test profile's positrack.signal.symbols, in its order.
        assertThat(answer.message()).isEqualTo("invalid BotCommand: symbol 'NOPEUSD' is not watched by the strategy (watched: "
                + "XAUUSD, FWDUSD, ORDUSD, SIGUSD, TICKUSD, ANNOUNCEUSD, BADUSD, SESSUSD, EXPUSD, FEEDUSD, SIMUSD, FUTUSD)");
        assertThat(answer.chatId()).isEqualTo(c.chatId());
        assertThat(SignalTestClient.header(deadLetter(c.commandId()), "dead-letter-reason")).isEqualTo(answer.message());
        assertThat(kafka.positionCommandRecord(c.commandId())).isEmpty();
    }

    @Test
    void aStatusWithoutSymbolIsRejected() {
        BotCommand c = SignalTestClient.bot(BotVerb.STATUS, SignalTestClient.uniqueAccount("nosymbol"), null);
        kafka.send(c);

        CommandResult answer = answer(c.commandId());
        assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_INVALID);
        assertThat(answer.message()).isEqualTo("invalid BotCommand: symbol is required");
        assertThat(answer.commandType()).isEqualTo("STATUS");
        assertThat(kafka.positionCommandRecord(c.commandId())).isEmpty();
    }

    @Test
    void anUnknownVerbIsMalformedAndAnsweredWhenTheCommandSaysWhoAsked() {
        String id = "tg-" + UUID.randomUUID();
        String account = SignalTestClient.uniqueAccount("verb");
        kafka.sendRaw(Topics.BOT_COMMANDS, "BADUSD", """
                {"commandId": "%s", "verb": "BUY_EVERYTHING", "account": "%s", "symbol": "BADUSD", "chatId": 99}""".formatted(id, account));

        CommandResult answer = answer(id);
        assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_INVALID);
        assertThat(answer.message()).startsWith("malformed BotCommand: field 'verb': ").contains("BUY_EVERYTHING");
        assertThat(answer.commandType()).isEqualTo("BUY_EVERYTHING");
        assertThat(answer.chatId()).isEqualTo(99L);
        assertThat(SignalTestClient.header(deadLetter(id), "dead-letter-reason")).isEqualTo(answer.message());
        assertThat(SignalTestClient.header(deadLetter(id), "dead-letter-reason-code")).isEqualTo("malformed");
    }

    @Test
    void closeByAPositionIdNobodyKnowsIsRejected() {
        BotCommand c = new BotCommand("tg-" + UUID.randomUUID(), BotVerb.CLOSE, SignalTestClient.uniqueAccount("closeunknown"), null,
                987654321L, null, 1L, 2L, Instant.now());
        kafka.send(c);

        CommandResult answer = answer(c.commandId());
        assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_INVALID);
        assertThat(answer.message()).contains("#987654321").contains("name its symbol");
        assertThat(answer.commandType()).isEqualTo("CLOSE");
        assertThat(SignalTestClient.header(deadLetter(c.commandId()), "dead-letter-reason-code")).isEqualTo("refused");
        assertThat(kafka.positionCommandRecord(c.commandId())).isEmpty();
    }

    @Test
    void deadLettersAreCountedByTopicAndReason() {
        kafka.sendRaw(Topics.BOT_COMMANDS, "BADUSD", "[1, 2, 3]");
        await().atMost(PATIENCE).untilAsserted(() -> given().get(ManagementInterface.url("/q/metrics")).then()
                .body(matchesPattern("(?s).*positrack_dead_letters_total\\{reason=\"malformed\",topic=\"bot-commands\"\\} [1-9].*")));
    }

    private CommandResult answer(String commandId) {
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(commandId).isEmpty());
        List<CommandResult> results = kafka.resultsFor(commandId);
        return results.get(0);
    }

    private ConsumerRecord<String, String> deadLetter(String marker) {
        await().atMost(PATIENCE).until(() -> !kafka.botDeadLetters.containing(marker).isEmpty());
        return kafka.botDeadLetters.containing(marker).get(0);
    }
}
