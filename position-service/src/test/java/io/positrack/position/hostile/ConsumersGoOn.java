package io.positrack.position.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.position.support.PositionTestClient;

/**
 * Proves that all three consumers of position-service are consuming: a valid open on {@code position-commands} is
 * applied and answered, a tick on {@code market-ticks} fills its entry on the paper venue, and the fill on
 * {@code venue-events} makes the position ACTIVE (it has no stops, so the fill alone activates it).
 */
final class ConsumersGoOn {

    /** A COUNT query against the service's database. */
    interface Counter {
        long count(String sql, Object... params);
    }

    private ConsumersGoOn() {
    }

    static void prove(PositionTestClient client, Counter db, String account, String symbol) {
        PositionCommand.OpenPosition open = PositionTestClient.open(account, symbol, Side.BUY, "1", null, null);
        client.sendCommand(open);
        await().atMost(Duration.ofSeconds(120)).until(() -> !client.resultsFor(open.commandId()).isEmpty());
        CommandResult result = client.resultsFor(open.commandId()).get(0);
        assertThat(result.outcome()).as("the valid command after the campaign").isEqualTo(Outcome.OPENED);
        String entry = "pt-" + result.position().id() + "-e-1";
        // A tick sent before the entry is on the paper book would fill nothing.
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND status IN ('NEW', 'PARTIALLY_FILLED')", entry) == 1);
        client.tick(symbol, "100", "100.1");
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM positions WHERE account = ? AND status = 'ACTIVE'", account) == 1);
    }
}
