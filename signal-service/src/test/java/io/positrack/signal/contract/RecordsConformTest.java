package io.positrack.signal.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.Outcome;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The records signal-service writes are held to their schemas by the recorders the tests read through (issue #21):
 * its own answer (CloudEvents headers), the position command it sends on (no headers: checked because
 * {@code position-commands} is its output) and the dead letter of a broken bot command are each checked, and none
 * breaks its contract. Shows that the check runs in this module.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class RecordsConformTest {

    private final SignalTestClient kafka = SignalTestClient.get();

    @Test
    void answersPositionCommandsAndDeadLettersOfSignalServiceAreCheckedAndConform() {
        String account = SignalTestClient.uniqueAccount("schema");
        long results = kafka.results.checkedRecords();
        long commands = kafka.positionCommands.checkedRecords();
        long letters = kafka.botDeadLetters.checkedRecords();

        BotCommand sessions = SignalTestClient.bot(BotVerb.SESSIONS, account, null);
        BotCommand status = SignalTestClient.bot(BotVerb.STATUS, account, "XAUUSD");
        kafka.send(sessions);
        kafka.send(status);
        String broken = "{\"commandId\": \"" + account + "-broken\", \"verb\": \"TELEPORT\"}";
        kafka.sendRaw(Topics.BOT_COMMANDS, account, broken);

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(sessions.commandId()).isEmpty()
                && kafka.positionCommandRecord(status.commandId()).isPresent()
                && !kafka.botDeadLetters.containing(account + "-broken").isEmpty());
        assertThat(kafka.resultsFor(sessions.commandId()).get(0).outcome()).isEqualTo(Outcome.SESSIONS);

        assertThat(kafka.results.checkedRecords() - results).as("the answer checked").isGreaterThanOrEqualTo(1);
        assertThat(kafka.positionCommands.checkedRecords() - commands).as("the position command checked").isGreaterThanOrEqualTo(1);
        assertThat(kafka.positionCommands.uncheckedRecords()).as("position-commands is signal-service's output").isZero();
        assertThat(kafka.botDeadLetters.checkedRecords() - letters).as("the dead letter checked").isGreaterThanOrEqualTo(1);
        assertThat(kafka.results.violations()).isEmpty();
        assertThat(kafka.positionCommands.violations()).isEmpty();
        assertThat(kafka.botDeadLetters.violations()).isEmpty();
    }
}
