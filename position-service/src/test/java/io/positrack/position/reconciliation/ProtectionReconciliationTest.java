package io.positrack.position.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.VenueDispatcher;
import io.positrack.position.venue.paper.PaperFaults;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #15: the orders protecting positions are reconciled against the venue's working orders, on the paper venue
 * with the real broker and database. Rounds are run by the test ({@link ProtectionReconciler} after each account's
 * position reconciliation).
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class ProtectionReconciliationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Reconciler reconciler;

    @Inject
    VenueDispatcher venues;

    @Inject
    PaperFaults faults;

    @Inject
    MeterRegistry registry;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aCancelThatFailsEveryRetryIsMadeGoodByTheNextRoundBeforeTheNextPositionOfTheSymbolOpens() throws Exception {
        String account = PositionTestClient.uniqueAccount("failed-cancel");
        String symbol = "FCLUSD";
        long first = protectedPosition(account, symbol);
        faults.failCancelsOn(Set.of(symbol));
        try {
            answer(PositionTestClient.close(account, symbol));
            await().atMost(PATIENCE).until(() -> {
                kafka.tick(symbol, "100.00", "100.02");
                return status(first).equals("CLOSED");
            });
            assertThat(workingOrders("pt-" + first + "-%")).as("its stop loss and take profit, whose cancel failed").hasSize(2);
            assertThat(Database.count("SELECT count(*) FROM venue_cancels WHERE account = ? AND symbol = ?", account, symbol)).isPositive();

            double held = registry.counter("positrack.venue.entries_held").count();
            CommandResult reopened = answer(PositionTestClient.open(account, symbol, Side.BUY, "1", "95.00", "110.00"));
            assertThat(reopened.outcome()).isEqualTo(Outcome.OPENED);
            long second = reopened.position().id();
            await().atMost(PATIENCE).until(() -> registry.counter("positrack.venue.entries_held").count() > held);
            assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id = ?", "pt-" + second + "-e-1"))
                    .as("the entry waits while the old stop may still fire").isZero();
        } finally {
            faults.failCancelsOn(Set.of());
        }

        reconcile(account);

        assertThat(workingOrders("pt-" + first + "-%")).as("cancelled by the round").isEmpty();
        long second = Database.count("SELECT max(id) FROM positions WHERE account = ?", account);
        // The held entry goes out once the cancels are confirmed (the sweeper sends it again), and only after them.
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id = ?",
                "pt-" + second + "-e-1") == 1);
        assertThat(Database.count("""
                SELECT count(*) FROM paper.orders old, paper.orders entry
                 WHERE old.client_order_id LIKE ? AND old.status = 'CANCELED' AND entry.client_order_id = ?
                   AND old.updated_at <= entry.created_at""", "pt-" + first + "-%", "pt-" + second + "-e-1"))
                .as("both old orders were cancelled before the new entry was placed").isEqualTo(2);
        assertThat(Database.count("SELECT count(*) FROM venue_cancels WHERE account = ? AND symbol = ?", account, symbol)).isZero();
    }

    @Test
    void aPositrackOrderNoOpenPositionWantsIsCancelledCountedAndAudited() throws Exception {
        String account = PositionTestClient.uniqueAccount("leftover");
        long id = protectedPosition(account, "LFTUSD");
        // A stop of an attempt nobody wants any more (as after a stops update whose cancel was lost in a crash).
        bookWorking(account, "LFTUSD", "pt-" + id + "-sl-2", "94.00");
        double cancelled = registry.counter("positrack.reconciliation.orders", "outcome", "leftover_cancelled").count();

        reconcile(account);

        assertThat(workingOrders("pt-" + id + "-sl-2")).isEmpty();
        assertThat(workingOrders("pt-" + id + "-%")).as("the wanted stop loss and take profit stay").hasSize(2);
        assertThat(registry.counter("positrack.reconciliation.orders", "outcome", "leftover_cancelled").count()).isEqualTo(cancelled + 1);
        assertThat(Database.count("SELECT count(*) FROM venue_order_repairs WHERE client_order_id = ? AND action = 'CANCELLED_LEFTOVER'",
                "pt-" + id + "-sl-2")).isEqualTo(1);
    }

    @Test
    void aForeignOrderOnTheAccountIsLeftAlone() throws Exception {
        String account = PositionTestClient.uniqueAccount("foreign");
        protectedPosition(account, "FRNUSD");
        bookWorking(account, "FRNUSD", "my-own-stop-1", "90.00");

        reconcile(account);

        assertThat(workingOrders("my-own-stop-1")).hasSize(1);
    }

    @Test
    void aStopTheVenueNeverReceivedIsPlacedAfterTwoRoundsAndNotAfterOne() throws Exception {
        String account = PositionTestClient.uniqueAccount("missing-stop");
        long id = protectedPosition(account, "MSSUSD");
        String stop = stopOf(id);
        Database.count("WITH gone AS (DELETE FROM paper.orders WHERE client_order_id = ? RETURNING 1) SELECT count(*) FROM gone", stop);

        reconcile(account);
        assertThat(workingOrders(stop)).as("one round could be a placement in flight").isEmpty();

        reconcile(account);
        assertThat(workingOrders(stop)).as("the same id, placed again").hasSize(1);
        assertThat(Database.count("SELECT count(*) FROM venue_order_repairs WHERE client_order_id = ? AND action = 'PLACED_MISSING'", stop))
                .isEqualTo(1);
    }

    @Test
    void aStopCancelledOnTheVenueBehindPositracksBackIsRenewedUnderANewAttempt() throws Exception {
        String account = PositionTestClient.uniqueAccount("renewed-stop");
        long id = protectedPosition(account, "RNWUSD");
        String stop = stopOf(id);
        Database.count("WITH c AS (UPDATE paper.orders SET status = 'CANCELED' WHERE client_order_id = ? RETURNING 1) SELECT count(*) FROM c",
                stop);

        reconcile(account);
        reconcile(account);

        assertThat(Database.count("""
                SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionStopsUpdated'
                   AND cause = 'reconciliation:protection-ended:' || ?""", id, stop)).isEqualTo(1);
        String renewed = stopOf(id);
        assertThat(renewed).isNotEqualTo(stop);
        assertThat(workingOrders("pt-" + id + "-%")).as("a fresh stop loss and take profit, the old take profit cancelled")
                .containsExactlyInAnyOrder(renewed, renewed.replace("-sl-", "-tp-"));
    }

    /** An ACTIVE position with its stop loss and take profit working on the paper book; its id. */
    private long protectedPosition(String account, String symbol) {
        CommandResult opened = answer(PositionTestClient.open(account, symbol, Side.BUY, "1", "95.00", "110.00"));
        long id = opened.position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        await().atMost(PATIENCE).until(() -> {
            kafka.tick(symbol, "100.00", "100.02");
            return status(id).equals("ACTIVE");
        });
        await().atMost(PATIENCE).until(() -> workingOrders("pt-" + id + "-%").size() == 2);
        return id;
    }

    /** The client order id of the position's working stop loss. */
    private static String stopOf(long id) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT client_order_id FROM paper.orders WHERE client_order_id LIKE ? AND status = 'NEW' ORDER BY created_at DESC LIMIT 1")) {
            s.setString(1, "pt-" + id + "-sl-%");
            ResultSet rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static java.util.List<String> workingOrders(String idPattern) throws Exception {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT client_order_id FROM paper.orders WHERE client_order_id LIKE ? AND status IN ('NEW', 'PARTIALLY_FILLED')")) {
            s.setString(1, idPattern);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void bookWorking(String account, String symbol, String clientOrderId, String trigger) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO paper.orders (client_order_id, account, symbol, side, quantity, type, trigger_price, reduce_only, status, created_at, updated_at)
                VALUES (?, ?, ?, 'SELL', 1, 'STOP_MARKET', ?, true, 'NEW', ?, ?)""")) {
            Timestamp now = Timestamp.from(java.time.Instant.now());
            s.setString(1, clientOrderId);
            s.setString(2, account);
            s.setString(3, symbol);
            s.setBigDecimal(4, new java.math.BigDecimal(trigger));
            s.setTimestamp(5, now);
            s.setTimestamp(6, now);
            s.executeUpdate();
        }
    }

    private static String status(long id) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("SELECT status FROM positions WHERE id = ?")) {
            s.setLong(1, id);
            ResultSet rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private void reconcile(String account) {
        ExecutionVenue paper = venues.venue("paper");
        reconciler.reconcile(paper, account).await().atMost(PATIENCE);
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }
}
