package io.positrack.position.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.VenueDispatcher;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.security.TestKeys;

/**
 * Reconciliation against the paper venue (seeds 001, 002, 004). The venue's truth is set through its
 * own book, as a venue's state changes without us; reconciliation runs are driven by the test (the
 * periodic run is off in the test profile) so that none lands between two steps of a scenario.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class ReconciliationTest {

    @Inject
    Reconciler reconciler;

    @Inject
    VenueDispatcher venues;

    @Inject
    MeterRegistry registry;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aStaleSnapshotRightAfterTheStreamSaidClosedResurrectsNothing() throws Exception {
        String account = PositionTestClient.uniqueAccount("seed001");
        long id = activePosition(account, "SOLUSDT", Side.BUY, "2", "150.00");
        answer(PositionTestClient.close(account, "SOLUSDT"));
        kafka.tick("SOLUSDT", "151.00", "151.02");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(id).equals("CLOSED"));
        long ordersBefore = Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account);

        // The REST snapshot of seed 001: taken 100-500 ms after the stream's close, it still shows the
        // position as it was before the exit fill.
        Instant entryFilled = firstChange(account, "SOLUSDT");
        double staleBefore = counter("stale");
        for (int i = 0; i < 3; i++) {
            report(VenuePositionReport.of("stale-" + UUID.randomUUID(), account, "paper", "SOLUSDT", Side.BUY, new BigDecimal("2"),
                    new BigDecimal("150.02"), true, entryFilled.plusMillis(1)));
        }
        // Decided on arrival: nothing waits for a cooldown to pass.
        await().atMost(Duration.ofSeconds(30)).until(() -> counter("stale") >= staleBefore + 3);

        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).as("no ghost position").isEqualTo(1);
        assertThat(status(id)).isEqualTo("CLOSED");
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).as("no order placed")
                .isEqualTo(ordersBefore);
        assertThat(Database.count("SELECT count(*) FROM reconciliation_observations WHERE account = ?", account)).isZero();

        // A fresh snapshot (the venue's truth now) agrees and is applied.
        assertThat(reconcile(account)).containsExactly("in_sync");
    }

    @Test
    void twoReconcilersAtOnceAdoptEachOrphanExactlyOnce() throws Exception {
        String account = PositionTestClient.uniqueAccount("seed004");
        venueHolds(account, "ORPHAA", new BigDecimal("3"), new BigDecimal("101.5"));
        venueHolds(account, "ORPHBB", new BigDecimal("-1.5"), new BigDecimal("52"));

        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<List<String>>> runs = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                runs.add(CompletableFuture.supplyAsync(() -> reconcile(account)));
            }
            for (CompletableFuture<List<String>> run : runs) {
                run.get();
            }
        }

        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(2);
        assertThat(Database.count("""
                SELECT count(*) FROM positions WHERE account = ? AND symbol = 'ORPHAA' AND origin = 'ADOPTED' AND status = 'ACTIVE'
                   AND side = 'BUY' AND remaining_quantity = 3 AND entry_price = 101.5""", account)).isEqualTo(1);
        assertThat(Database.count("""
                SELECT count(*) FROM positions WHERE account = ? AND symbol = 'ORPHBB' AND origin = 'ADOPTED' AND side = 'SELL'
                   AND remaining_quantity = 1.5""", account)).isEqualTo(1);
        assertThat(Database.count("""
                SELECT count(*) FROM position_events e JOIN positions p ON p.id = e.position_id
                 WHERE p.account = ? AND e.type = 'PositionAdopted' AND e.version = 1""", account)).isEqualTo(2);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).as("adoption places no order")
                .isZero();
    }

    @Test
    void oneSnapshotNeverActsAndConfirmedGhostsCloseReconciledWithoutAnOrder() throws Exception {
        String account = PositionTestClient.uniqueAccount("ghost");
        long id = activePosition(account, "LINKUSDT", Side.SELL, "4", "20.00");
        long orders = Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account);
        venueHolds(account, "LINKUSDT", BigDecimal.ZERO, null); // liquidated on the venue; we never heard

        assertThat(reconcile(account)).containsExactly("observed");
        assertThat(status(id)).as("one snapshot is never enough").isEqualTo("ACTIVE");
        assertThat(reconcile(account)).containsExactly("ghost_closed");

        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'RECONCILED'", id))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).as("no exit order").isEqualTo(orders);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionClosed'", id))
                .isEqualTo(1);
    }

    @Test
    void anExitIsClampedToWhatTheVenueHoldsWithAnAdjustedEvent() throws Exception {
        String account = PositionTestClient.uniqueAccount("seed002-less");
        long id = activePosition(account, "ADAUSDT", Side.BUY, "2", "0.5000");
        venueHolds(account, "ADAUSDT", new BigDecimal("1.5"), new BigDecimal("0.5002"));
        assertThat(reconcile(account)).containsExactly("observed");

        CommandResult closing = answer(PositionTestClient.close(account, "ADAUSDT"));

        assertThat(closing.outcome()).isEqualTo(Outcome.CLOSING);
        assertThat(closing.position().remainingQuantity()).isEqualByComparingTo("1.5");
        // The adjustment is on the venue report's word (its cause), the exit on the command's: one transition per command.
        assertThat(Database.count(
                "SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionAdjusted' AND cause LIKE 'reconciliation:%'", id))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND cause = ?", id, closing.commandId()))
                .isEqualTo(1);
        assertThat(Database.count("""
                SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND quantity = 1.5 AND reduce_only AND side = 'SELL'""",
                "pt-" + id + "-x-1")).isEqualTo(1);
    }

    @Test
    void aCloseOfAPositionTheVenueLastShowedAsZeroAsksTheVenueAgainAndClosesReconciledWithoutAnOrder() throws Exception {
        String account = PositionTestClient.uniqueAccount("seed002-zero");
        long id = activePosition(account, "DOTUSDT", Side.BUY, "3", "7.00");
        long orders = Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account);
        venueHolds(account, "DOTUSDT", BigDecimal.ZERO, null);
        assertThat(reconcile(account)).containsExactly("observed");

        CommandResult result = answer(PositionTestClient.close(account, "DOTUSDT"));

        assertThat(result.outcome()).isEqualTo(Outcome.CLOSING);
        await().atMost(Duration.ofSeconds(20)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'RECONCILED'", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).as("no exit order").isEqualTo(orders);
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE client_order_id = ? AND status = 'REJECTED'",
                "pt-" + id + "-x-1")).as("the fresh answer, recorded as the exit's refusal").isEqualTo(1);
    }

    @Test
    void aCloseOnAStoredFlatObservationThatTheVenueContradictsSendsTheExitAndClosesWithItsPrice() throws Exception {
        String account = PositionTestClient.uniqueAccount("stored-flat");
        long id = activePosition(account, "XLMUSDT", Side.BUY, "3", "7.00");
        venueHolds(account, "XLMUSDT", BigDecimal.ZERO, null);
        assertThat(reconcile(account)).containsExactly("observed");
        // The stored observation says flat; the venue's book, asked now, still holds the position (the flat one was wrong).
        venueHolds(account, "XLMUSDT", new BigDecimal("3"), new BigDecimal("7.00"));

        CommandResult result = answer(PositionTestClient.close(account, "XLMUSDT"));

        assertThat(result.outcome()).isEqualTo(Outcome.CLOSING);
        await().atMost(Duration.ofSeconds(20)).until(() -> Database.count(
                "SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND reduce_only AND side = 'SELL'", "pt-" + id + "-x-1") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            kafka.tick("XLMUSDT", "7.10", "7.12");
            return Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'COMMAND'"
                    + " AND exit_price = 7.10", id) == 1;
        });
    }

    @Test
    void aPartialSnapshotIsUnknownNeverFlat() throws Exception {
        String account = PositionTestClient.uniqueAccount("partial");
        long id = activePosition(account, "XRPUSDT", Side.BUY, "10", "0.60");
        double unknownBefore = counter("unknown");
        for (int i = 0; i < 3; i++) {
            report(VenuePositionReport.of("partial-" + UUID.randomUUID(), account, "paper", "XRPUSDT", null, BigDecimal.ZERO, null, false,
                    Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> counter("unknown") >= unknownBefore + 3);
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void aSizeBeyondToleranceBlocksNewEntriesAndRaisesAnAlertUntilAnOperatorLiftsIt() throws Exception {
        String account = PositionTestClient.uniqueAccount("tolerance");
        io.positrack.infra.TopicRecorder alerts = io.positrack.infra.TopicRecorder.start(
                PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers(), Topics.ALERTS);
        long small = activePosition(account, "BNBUSDT", Side.BUY, "2", "600");
        long big = activePosition(account, "AVAXUSDT", Side.BUY, "2", "30");
        venueHolds(account, "BNBUSDT", new BigDecimal("1.99"), new BigDecimal("600")); // 0.5 %: within 1 %
        venueHolds(account, "AVAXUSDT", new BigDecimal("1"), new BigDecimal("30")); // 50 %: someone else traded
        reconcile(account);
        reconcile(account);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id IN (?, ?) AND type = 'PositionAdjusted'",
                small, big)).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> !alerts.containing(account).isEmpty());
        assertThat(alerts.containing(account)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("AVAXUSDT");
            io.positrack.contracts.alert.Alert alert = PositionTestClient.read(r.value(), io.positrack.contracts.alert.Alert.class);
            assertThat(alert.type()).isEqualTo(io.positrack.contracts.alert.Alert.SIZE_MISMATCH);
            assertThat(alert.positionId()).isEqualTo(big);
            assertThat(alert.details()).containsEntry("venueQuantity", "1").containsEntry("ourQuantity", "2");
        });
        // The position itself can still be closed; afterwards no new entry on that symbol.
        answer(PositionTestClient.close(account, "AVAXUSDT"));
        kafka.tick("AVAXUSDT", "31", "31");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(big).equals("CLOSED"));
        assertThat(answer(PositionTestClient.open(account, "AVAXUSDT", Side.BUY, "1", null, null)).outcome())
                .isEqualTo(Outcome.REJECTED_STATE);
        assertThat(answer(PositionTestClient.open(account, "BNBUSDT", Side.BUY, "1", null, null)).outcome())
                .as("within tolerance: not blocked (the open position answers)").isEqualTo(Outcome.DUPLICATE_OPEN_EXISTS);

        io.restassured.RestAssured.given().auth().oauth2(TestKeys.ADMIN.value()).get("/admin/blocks").then().statusCode(200)
                .body("findAll { it.account == '" + account + "' }.symbol", org.hamcrest.Matchers.contains("AVAXUSDT"));
        io.restassured.RestAssured.given().auth().oauth2(TestKeys.ADMIN.value()).delete("/admin/blocks/" + account + "/paper/AVAXUSDT").then().statusCode(204);
        assertThat(answer(PositionTestClient.open(account, "AVAXUSDT", Side.BUY, "1", null, null)).outcome()).isEqualTo(Outcome.OPENED);
        alerts.close();
    }

    private long activePosition(String account, String symbol, Side side, String quantity, String price) {
        CommandResult opened = answer(PositionTestClient.open(account, symbol, side, quantity, null, null));
        long id = opened.position().id();
        kafka.tick(symbol, price, price);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(id).equals("ACTIVE"));
        return id;
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }

    private List<String> reconcile(String account) {
        ExecutionVenue paper = venues.venue("paper");
        return reconciler.reconcile(paper, account).await().atMost(Duration.ofSeconds(30));
    }

    private void report(VenuePositionReport report) {
        kafka.sendRaw(Topics.VENUE_EVENTS, report.symbol(), PositionTestClient.write(report));
    }

    private double counter(String outcome) {
        return registry.counter("positrack.reconciliation.reports", "outcome", outcome).count();
    }

    private static String status(long id) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("SELECT status FROM positions WHERE id = ?")) {
            s.setLong(1, id);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    private static Instant firstChange(String account, String symbol) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT min(changed_at) FROM paper.position_changes WHERE account = ? AND symbol = ?")) {
            s.setString(1, account);
            s.setString(2, symbol);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** The venue's own book changes (a fill, a liquidation) without a stream event reaching us. */
    private static void venueHolds(String account, String symbol, BigDecimal signedQuantity, BigDecimal entryPrice) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO paper.position_changes (account, symbol, quantity, entry_price, changed_at) VALUES (?, ?, ?, ?, now())""")) {
            s.setString(1, account);
            s.setString(2, symbol);
            s.setBigDecimal(3, signedQuantity);
            s.setBigDecimal(4, entryPrice);
            s.executeUpdate();
        }
    }
}
