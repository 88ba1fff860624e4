package io.positrack.position.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The records position-service writes are held to their schemas by the recorders every test here reads through
 * (issue #21): an answer through the outbox, a {@code REJECTED_INVALID} answer sent without CloudEvents headers,
 * the position's event and the dead letter of the bad command are each checked, and none breaks its contract. Shows
 * that the check runs in this module (a green suite would mean nothing if it checked no record).
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class RecordsConformTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void answersEventsAndDeadLettersOfPositionServiceAreCheckedAndConform() {
        String account = PositionTestClient.uniqueAccount("schema");
        long results = kafka.results.checkedRecords();
        long events = kafka.events.checkedRecords();
        long letters = kafka.commandDeadLetters.checkedRecords();

        PositionCommand.OpenPosition open = PositionTestClient.open(account, "XAUUSD", Side.BUY, "0.5", "2600", "2700");
        kafka.sendCommand(open);
        String invalid = account + "-invalid";
        kafka.sendRaw(Topics.POSITION_COMMANDS, "XAUUSD", "{\"type\":\"OpenPosition\",\"commandId\":\"" + invalid + "\",\"account\":\""
                + account + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"quantity\":\"-1\"}");

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty()
                && !kafka.resultsFor(invalid).isEmpty() && !kafka.eventsForAccount(account).isEmpty()
                && !kafka.deadLettersContaining(invalid).isEmpty());
        assertThat(kafka.resultsFor(open.commandId()).get(0).outcome()).isEqualTo(Outcome.OPENED);
        assertThat(kafka.resultsFor(invalid).get(0).outcome()).isEqualTo(Outcome.REJECTED_INVALID);

        assertThat(kafka.results.checkedRecords() - results).as("both answers checked").isGreaterThanOrEqualTo(2);
        assertThat(kafka.results.uncheckedRecords()).as("command-results is position-service's output: every record checked").isZero();
        assertThat(kafka.events.checkedRecords() - events).as("the event checked").isGreaterThanOrEqualTo(1);
        assertThat(kafka.commandDeadLetters.checkedRecords() - letters).as("the dead letter checked").isGreaterThanOrEqualTo(1);
        assertThat(kafka.results.violations()).isEmpty();
        assertThat(kafka.events.violations()).isEmpty();
        assertThat(kafka.commandDeadLetters.violations()).isEmpty();
    }
}
