package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A kill -9 between the commit of an order intent and its send leaves a position waiting for an
 * acknowledgement that can never come. The sweeper must send that intent again, with its recorded id.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class IntentSweeperTest {

    @Test
    void anEntryIntentCommittedButNeverSentIsSentAgainWithItsRecordedId() throws Exception {
        String account = PositionTestClient.uniqueAccount("sweep");
        // What the opening transaction commits (row with intent + first audit event), minus the send.
        long id = insertPosition(account, "PENDING_ENTRY", 1);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND version = 2 AND type = 'PositionEntryPlaced'", id))
                .isEqualTo(1));
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND quantity = 2.5 AND side = 'BUY'",
                "pt-" + id + "-e-1")).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).isEqualTo(1);
    }

    @Test
    void anEntryFillLostOnItsWayIsFoundByLookupAndApplied() throws Exception {
        String account = PositionTestClient.uniqueAccount("sweep-fill");
        long id = insertPosition(account, "ENTRY_PLACED", 2);
        String orderId = "pt-" + id + "-e-1";
        // The venue filled the order, but its FILLED update never reached us.
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO paper.orders (client_order_id, account, symbol, side, quantity, type, reduce_only, status,
                                          filled_quantity, average_price)
                VALUES (?, ?, 'EURUSD', 'BUY', 2.5, 'MARKET', false, 'FILLED', 2.5, 1.0842)""")) {
            s.setString(1, orderId);
            s.setString(2, account);
            s.executeUpdate();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE' AND filled_quantity = 2.5 AND entry_price = 1.0842", id))
                .isEqualTo(1));
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).as("nothing sent again").isEqualTo(1);
        assertThat(Database.count("SELECT max(version) FROM position_events WHERE position_id = ?", id)).isEqualTo(3);
    }

    @Test
    void anEntryThatFilledWhileItsCancelWasRequestedIsClosedNotForgotten() throws Exception {
        String account = PositionTestClient.uniqueAccount("sweep-race");
        long id = insertPosition(account, "ENTRY_PLACED", 3);
        try (Connection c = Database.connect()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE positions SET close_reason = 'COMMAND' WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            // Our cancel came too late: the venue had filled the entry.
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO paper.orders (client_order_id, account, symbol, side, quantity, type, reduce_only, status,
                                              filled_quantity, average_price)
                    VALUES (?, ?, 'EURUSD', 'BUY', 2.5, 'MARKET', false, 'FILLED', 2.5, 1.0842)""")) {
                s.setString(1, "pt-" + id + "-e-1");
                s.setString(2, account);
                s.executeUpdate();
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND version = 5 AND type = 'PositionClosing'", id))
                .isEqualTo(1));
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND version = 4 AND type = 'PositionEntryFilled'",
                id)).isEqualTo(1);
        assertThat(Database.count("""
                SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND side = 'SELL' AND quantity = 2.5 AND reduce_only""",
                "pt-" + id + "-x-1")).as("one reduce-only exit for the filled quantity").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ? AND client_order_id LIKE '%-sl-%'", account))
                .as("no protection placed for a position being closed").isZero();
    }

    @Inject
    io.positrack.position.venue.paper.PaperFaults faults;

    @Test
    void aPlacementThatTimedOutAfterTheVenueAcceptedItEndsWithExactlyOneOrder() throws Exception {
        String account = PositionTestClient.uniqueAccount("timeout");
        PositionTestClient kafka = PositionTestClient.get();
        io.positrack.contracts.position.PositionCommand.OpenPosition open = PositionTestClient.open(account, "NZDUSD",
                io.positrack.contracts.position.Side.BUY, "3", null, null);
        // The worst case: the venue takes the order, the placement call times out and its NEW update is lost.
        faults.placementTimeouts(1.0);
        faults.dropEvents(1.0);
        try {
            kafka.sendCommand(open);
            await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                    "SELECT count(*) FROM paper.orders WHERE account = ?", account) == 1);
        } finally {
            faults.placementTimeouts(0);
            faults.dropEvents(0);
        }
        long id = Database.count("SELECT id FROM positions WHERE account = ?", account);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ENTRY_PLACED'", id)).isEqualTo(1));
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).as("exactly one order").isEqualTo(1);
        assertThat(kafka.resultsFor(open.commandId())).singleElement();
    }

    /** A position as its last committed transition left it, with the audit rows that got it there. */
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void aStopFoundFilledByLookupClosesThePositionAndItsTakeProfitIsNotSentAfterwards() throws Exception {
        String account = PositionTestClient.uniqueAccount("sweep-stop");
        // Protection decided at version 4 (the entry fill); neither its NEW nor the stop's fill ever reached us, and
        // the take profit was never sent.
        long id = insertPosition(account, "PENDING_SL", 4);
        try (Connection c = Database.connect()) {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE positions SET filled_quantity = 2.5, remaining_quantity = 2.5, entry_price = 1.0842,
                           stop_loss = 1.0800, take_profit = 1.0900 WHERE id = ?""")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO paper.orders (client_order_id, account, symbol, side, quantity, type, trigger_price, reduce_only, status,
                                              filled_quantity, average_price)
                    VALUES (?, ?, 'EURUSD', 'SELL', 2.5, 'STOP_MARKET', 1.0800, true, 'FILLED', 2.5, 1.0799)""")) {
                s.setString(1, "pt-" + id + "-sl-4");
                s.setString(2, account);
                s.executeUpdate();
            }
        }
        double movedOn = registry.counter("positrack.intents.swept", "outcome", "position_moved_on").count();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'STOP_LOSS'", id)).isEqualTo(1));
        // The same sweep then came to the take profit, saw the position had moved on, and left it.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                registry.counter("positrack.intents.swept", "outcome", "position_moved_on").count() > movedOn);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ?", "pt-" + id + "-tp-%"))
                .as("no take profit sent for a closed position").isZero();
    }

    private static long insertPosition(String account, String status, int version) throws Exception {
        try (Connection c = Database.connect()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO positions (account, venue, symbol, side, status, quantity, origin, version, opened_at, updated_at)
                    VALUES (?, 'paper', 'EURUSD', 'BUY', ?, 2.5, 'COMMAND', ?, now() - interval '1 hour', now() - interval '1 hour')
                    RETURNING id""")) {
                s.setString(1, account);
                s.setString(2, status);
                s.setInt(3, version);
                ResultSet rs = s.executeQuery();
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE positions SET entry_order_id = ? WHERE id = ?")) {
                s.setString(1, "pt-" + id + "-e-1");
                s.setLong(2, id);
                s.executeUpdate();
            }
            for (int v = 1; v <= version; v++) {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at)
                        VALUES (?, ?, ?, ?, 'test', '{}'::jsonb, now() - interval '1 hour')""")) {
                    s.setLong(1, id);
                    s.setInt(2, v);
                    // A PENDING_SL row got there by its entry fill, the transition that decides its protection's ids.
                    s.setString(3, v == version && status.equals("PENDING_SL") ? "PositionEntryFilled" : "test");
                    s.setString(4, status);
                    s.executeUpdate();
                }
            }
            return id;
        }
    }
}
