package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I2: a command has one effect and one result however often it is delivered. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class RedeliveryTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void theSameOpenDeliveredThreeTimesHasOneEffectAndOneResult() {
        String account = PositionTestClient.uniqueAccount("i2");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "XAGUSD", Side.SELL, "3", null, null);
        for (int i = 0; i < 3; i++) {
            kafka.sendCommand(open);
        }
        // A later command on the same symbol: once its answer is out, the three copies before it were handled.
        PositionCommand.QueryStatus marker = PositionTestClient.status(account, "XAGUSD");
        kafka.sendCommand(marker);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(marker.commandId()).isEmpty());

        assertThat(kafka.resultsFor(open.commandId())).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.OPENED));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);
        // One transition caused by the command (the venue's acknowledgement may add its own later).
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE cause = ?", open.commandId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.eventsForAccount(account).isEmpty());
        assertThat(kafka.eventsForAccount(account)).filteredOn(e -> open.commandId().equals(e.cause())).singleElement()
                .satisfies(e -> assertThat(e.version()).isEqualTo(1));
        assertThat(kafka.resultsFor(marker.commandId())).singleElement()
                .satisfies(r -> assertThat(r.position().status().isOpen()).isTrue());
    }
}
