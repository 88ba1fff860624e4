package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
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
 * A signal opens one position, ever: a /getsignal that arrives after the signal's position has ended
 * (signal-service's read model lagging) gets that position back, not a second one.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class SignalOpensOnePositionTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aSignalWhosePositionEndedCannotOpenAnother() {
        String account = PositionTestClient.uniqueAccount("signal");
        PositionCommand.OpenPosition first = PositionTestClient.openForSignal(account, "AUDCAD", Side.SELL, "1", "sig-audcad-1");
        long id = answer(first).position().id();
        // No tick for this symbol: the close cancels the unfilled entry and the position rolls back.
        answer(PositionTestClient.close(account, "AUDCAD"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ROLLED_BACK'", id) == 1);

        CommandResult again = answer(PositionTestClient.openForSignal(account, "AUDCAD", Side.SELL, "1", "sig-audcad-1"));
        assertThat(again.outcome()).isEqualTo(Outcome.SIGNAL_ALREADY_USED);
        assertThat(again.position().id()).isEqualTo(id);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);

        CommandResult fresh = answer(PositionTestClient.openForSignal(account, "AUDCAD", Side.SELL, "1", "sig-audcad-2"));
        assertThat(fresh.outcome()).isEqualTo(Outcome.OPENED);
        assertThat(fresh.position().id()).isNotEqualTo(id);
    }

    @Test
    void theSignalOfAnOpenPositionIsAnsweredWithThatPosition() {
        String account = PositionTestClient.uniqueAccount("signal-open");
        long id = answer(PositionTestClient.openForSignal(account, "AUDNZD", Side.BUY, "1", "sig-audnzd-1")).position().id();

        CommandResult again = answer(PositionTestClient.openForSignal(account, "AUDNZD", Side.BUY, "1", "sig-audnzd-1"));
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE_OPEN_EXISTS);
        assertThat(again.position().id()).isEqualTo(id);
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }
}
