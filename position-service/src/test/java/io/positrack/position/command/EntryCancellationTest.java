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

/**
 * Closing a position whose entry has not filled asks the venue to cancel; the position ends only when
 * the venue has answered, so a fill racing the cancel can never leave a forgotten venue position.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class EntryCancellationTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void closingAnUnfilledEntryCancelsItAndRollsBackOnlyWhenTheVenueConfirms() {
        String account = PositionTestClient.uniqueAccount("cancel");
        // No tick is ever sent for this symbol, so the entry cannot fill.
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "NZDCHF", Side.BUY, "4", null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        long id = kafka.resultsFor(open.commandId()).get(0).position().id();

        PositionCommand.ClosePosition close = PositionTestClient.close(account, "NZDCHF");
        PositionCommand.ClosePosition again = PositionTestClient.close(account, "NZDCHF");
        kafka.sendCommand(close);
        kafka.sendCommand(again);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(again.commandId()).isEmpty());

        assertThat(kafka.resultsFor(close.commandId())).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.CANCELLING_ENTRY);
            assertThat(r.position().status().isOpen()).as("still open until the venue answers").isTrue();
        });
        assertThat(kafka.resultsFor(again.commandId())).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isIn(Outcome.ALREADY_CLOSING, Outcome.ALREADY_CLOSED));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ROLLED_BACK' AND close_reason = 'COMMAND'", id)).isEqualTo(1));
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND status = 'CANCELED'",
                "pt-" + id + "-e-1")).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionCancelRequested'", id))
                .isEqualTo(1);
    }

    @Test
    void anExpiryNamingAnotherPositionLeavesTheOpenOneAlone() {
        String account = PositionTestClient.uniqueAccount("expire-id");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "CADJPY", Side.SELL, "2", null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        long id = kafka.resultsFor(open.commandId()).get(0).position().id();

        PositionCommand.ExpirePending stale = new PositionCommand.ExpirePending(java.util.UUID.randomUUID().toString(), account, "paper",
                "CADJPY", null, java.time.Instant.now(), id + 1_000_000);
        PositionCommand.ExpirePending right = new PositionCommand.ExpirePending(java.util.UUID.randomUUID().toString(), account, "paper",
                "CADJPY", null, java.time.Instant.now(), id);
        kafka.sendCommand(stale);
        kafka.sendCommand(right);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(right.commandId()).isEmpty());

        assertThat(kafka.resultsFor(stale.commandId())).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.NOT_EXPIRABLE));
        assertThat(kafka.resultsFor(right.commandId())).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.EXPIRED));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ROLLED_BACK' AND close_reason = 'EXPIRED'", id)).isEqualTo(1));
    }
}
