package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.venue.paper.PaperFaults;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Orders that fill in parts, on the real broker and database. Fills count by their order's cumulative
 * quantity, a trade id is applied once however it is labelled (a replay is kept as a {@code duplicate_trade}
 * row), and whatever filled before an order ended is a position on the venue that the database keeps and closes.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class PartialFillTest {

    @Inject
    PaperFaults faults;

    @Inject
    MeterRegistry registry;

    private final PositionTestClient kafka = PositionTestClient.get();

    @AfterEach
    void wholeFillsAgain() {
        faults.partialFills(0);
    }

    @Test
    void partialEntryFillsAccumulateAndAReplayedTradeAddsNothing() {
        String account = PositionTestClient.uniqueAccount("partial-entry");
        long id = open(account, "PFENTRY", Side.BUY, "4");
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        faults.partialFills(1);
        kafka.tick("PFENTRY", "10.00", "10.02");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ENTRY_PLACED' AND filled_quantity = 2 AND remaining_quantity = 2", id) == 1);
        faults.partialFills(0);

        // The same trade again, labelled as a final fill: the inbox key differs, the trade id does not.
        double duplicatesBefore = outcome("duplicate_trade");
        OrderUpdate replay = new OrderUpdate(account, "paper", "PFENTRY", "pt-" + id + "-e-1", null, Side.BUY, OrderStatus.FILLED,
                new BigDecimal("2"), new BigDecimal("10.02"), "pt-" + id + "-e-1-t2", null, Instant.now(), Instant.now(),
                new BigDecimal("2"), new BigDecimal("10.02"));
        kafka.sendRaw(Topics.VENUE_EVENTS, "PFENTRY", PositionTestClient.write(replay));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome("duplicate_trade") > duplicatesBefore);
        // Kept as every update is, beside the trade's first arrival: a row of its own that says it changed nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> tradeRows(replay, "duplicate_trade") == 1);
        assertThat(tradeRows(replay, "applied")).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'ENTRY_PLACED' AND filled_quantity = 2", id))
                .as("the replayed trade changed nothing").isEqualTo(1);

        kafka.tick("PFENTRY", "10.10", "10.12");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE' AND filled_quantity = 4 AND remaining_quantity = 4"
                        + " AND entry_price = 10.07", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionEntryPartiallyFilled'", id))
                .isEqualTo(1);
        // Each trade is kept once, with the venue's own event and transaction times.
        assertThat(Database.count("""
                SELECT count(*) FROM venue_order_updates WHERE client_order_id = ? AND trade_id IS NOT NULL
                   AND event_time IS NOT NULL AND transaction_time IS NOT NULL AND outcome = 'applied'""", "pt-" + id + "-e-1"))
                .isEqualTo(2);
    }

    @Test
    void anEntryCancelledAfterAPartialFillKeepsWhatFilledAndExitsIt() {
        String account = PositionTestClient.uniqueAccount("partial-cancel");
        long id = open(account, "PFCANCEL", Side.SELL, "3");
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        faults.partialFills(1);
        kafka.tick("PFCANCEL", "20.00", "20.02");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND filled_quantity = 1.5", id) == 1);
        faults.partialFills(0);

        PositionCommand.ClosePosition close = PositionTestClient.close(account, "PFCANCEL");
        kafka.sendCommand(close);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(close.commandId()).isEmpty());
        assertThat(kafka.resultsFor(close.commandId()).get(0).outcome()).isEqualTo(Outcome.CANCELLING_ENTRY);
        // The cancelled entry had filled 1.5: that much is held on the venue, so it is recorded and exited.
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND remaining_quantity = 1.5", id) == 1);
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");
        kafka.tick("PFCANCEL", "19.90", "19.92");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'COMMAND' AND filled_quantity = 1.5", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM paper.positions WHERE account = ? AND quantity <> 0", account))
                .as("nothing left on the venue").isZero();
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionRolledBack'", id)).isZero();
    }

    @Test
    void aPartialExitFillReducesTheOpenQuantityAndTheRestClosesIt() {
        String account = PositionTestClient.uniqueAccount("partial-exit");
        long id = open(account, "PFEXIT", Side.BUY, "2");
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        kafka.tick("PFEXIT", "100.00", "100.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1);
        PositionCommand.ClosePosition close = PositionTestClient.close(account, "PFEXIT");
        kafka.sendCommand(close);
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING'", id) == 1);
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");

        faults.partialFills(1);
        kafka.tick("PFEXIT", "110.00", "110.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND remaining_quantity = 1", id) == 1);
        faults.partialFills(0);
        kafka.tick("PFEXIT", "120.00", "120.00");

        // 1 exited at 110 and 1 at 120 against an entry at 100: 10 + 20.
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND realized_pnl = 30 AND exit_price = 115", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionAdjusted'", id))
                .isEqualTo(1);
    }

    @Test
    void anExitFillReplayedAsFinalIsKeptAsADuplicateTradeAndTheExitCountsItOnce() {
        String account = PositionTestClient.uniqueAccount("partial-replay");
        long id = open(account, "PFREPLAY", Side.BUY, "2");
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        kafka.tick("PFREPLAY", "100.00", "100.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1);
        kafka.sendCommand(PositionTestClient.close(account, "PFREPLAY"));
        String exit = "pt-" + id + "-x-1";
        Database.awaitWorkingOnPaperBook(exit);
        faults.partialFills(1);
        kafka.tick("PFREPLAY", "110.00", "110.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND remaining_quantity = 1", id) == 1);
        faults.partialFills(0);

        // The exit's first trade (the paper venue names a trade by its order and cumulative quantity) again, now
        // labelled as the order's final fill: if it counted, the position would close with 1 still on the venue.
        OrderUpdate replay = new OrderUpdate(account, "paper", "PFREPLAY", exit, null, Side.SELL, OrderStatus.FILLED,
                new BigDecimal("1"), new BigDecimal("110"), exit + "-t1", null, Instant.now(), Instant.now(), new BigDecimal("1"),
                new BigDecimal("110"));
        assertThat(tradeRows(replay, "applied")).as("the trade's first arrival, applied").isEqualTo(1);
        kafka.sendRaw(Topics.VENUE_EVENTS, "PFREPLAY", PositionTestClient.write(replay));
        await().atMost(Duration.ofSeconds(30)).until(() -> tradeRows(replay, "duplicate_trade") == 1);
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE trade_id = ?", replay.tradeId())).isEqualTo(2);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND remaining_quantity = 1", id))
                .as("the replayed trade changed nothing").isEqualTo(1);

        // The second trade fills the other 1: the exit's accounted quantity was 1, not 2, so it closes the position.
        kafka.tick("PFREPLAY", "120.00", "120.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND realized_pnl = 30 AND exit_price = 115", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM paper.positions WHERE account = ? AND quantity <> 0", account))
                .as("nothing left on the venue").isZero();
    }

    /** Rows the ledger keeps for the update's trade id with the given outcome. */
    private static long tradeRows(OrderUpdate u, String outcome) {
        return Database.count("SELECT count(*) FROM venue_order_updates WHERE venue = ? AND account = ? AND symbol = ? AND trade_id = ?"
                + " AND outcome = ?", u.venue(), u.account(), u.symbol(), u.tradeId(), outcome);
    }

    private long open(String account, String symbol, Side side, String quantity) {
        PositionCommand.OpenPosition open = PositionTestClient.open(account, symbol, side, quantity, null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        return kafka.resultsFor(open.commandId()).get(0).position().id();
    }

    private double outcome(String outcome) {
        return registry.counter("positrack.venue.order_updates", "outcome", outcome).count();
    }
}
