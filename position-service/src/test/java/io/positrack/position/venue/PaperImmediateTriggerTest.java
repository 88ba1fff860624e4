package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 18's local run: a BUY EURUSD (signal entry 1.08017) filled at 1.08035 with its take profit at 1.08032. The
 * market (mark 1.08033, between bid 1.08031 and ask 1.08035) is already beyond the take profit when it is placed,
 * so the paper venue refuses it as Binance does (-2021), and the position closes at market as TAKE_PROFIT at once,
 * instead of staying open until its stop.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class PaperImmediateTriggerTest {

    private static final String SYMBOL = "EURUSD";

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aTakeProfitAlreadyThroughTheMarketIsRefusedAndThePositionClosesAtMarketAsTakeProfit() {
        String account = PositionTestClient.uniqueAccount("through-tp");
        PositionCommand.OpenPosition open = new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", SYMBOL,
                Side.BUY, new BigDecimal("1000"), new BigDecimal("1.08017"), new BigDecimal("1.07765"), new BigDecimal("1.08032"),
                null, 42L, Instant.now());
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        long id = kafka.resultsFor(open.commandId()).get(0).position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");

        kafka.tick(SYMBOL, "1.08031", "1.08035");

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status IN ('CLOSING', 'CLOSED') AND close_reason = 'TAKE_PROFIT'", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND entry_price = 1.08035", id)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE client_order_id LIKE ? AND status = 'REJECTED'"
                + " AND reason LIKE '%-2021 Order would immediately trigger.%'", "pt-" + id + "-tp-%")).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ?", "pt-" + id + "-tp-%"))
                .as("the refused take profit never rested on the book").isZero();

        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");
        kafka.tick(SYMBOL, "1.08031", "1.08035");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'TAKE_PROFIT'", id) == 1);
        // Sold at the bid: (1.08031 - 1.08035) * 1000.
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND exit_price = 1.08031 AND realized_pnl = -0.04", id))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ? AND status IN ('NEW', 'PARTIALLY_FILLED')", account))
                .as("the stop loss was cancelled with the close").isZero();
        assertThat(Database.count("SELECT count(*) FROM paper.positions WHERE account = ? AND quantity <> 0", account)).isZero();
    }

    @Test
    void aStopLossOnTheRightSideOfTheMarketRestsOnTheBook() {
        String account = PositionTestClient.uniqueAccount("resting-sl");
        PositionCommand.OpenPosition open = new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", "THRUSD",
                Side.SELL, new BigDecimal("1"), null, new BigDecimal("50.10"), null, null, 42L, Instant.now());
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        long id = kafka.resultsFor(open.commandId()).get(0).position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");

        kafka.tick("THRUSD", "50.00", "50.02");

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ? AND status = 'NEW'", "pt-" + id + "-sl-%") == 1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id)).isEqualTo(1);
    }
}
