package io.positrack.position.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
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
 * Issue #16: old rows go, young ones stay, and nothing dedupe or the fill ledger still needs is pruned. Rows are aged
 * by writing their timestamps into the past; the prune is run by calling it (the test profile never schedules it).
 * Venue {@code retention-test} is no venue of the service, so reconciliation and the sweeper leave these rows alone.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class RetentionPruningTest {

    private static final String VENUE = "retention-test";

    @Inject
    RetentionPruner pruner;

    @Inject
    MeterRegistry registry;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void inboxClaimsOlderThanTheRetentionArePrunedAndYoungerOnesKept() {
        String account = PositionTestClient.uniqueAccount("ret-inbox");
        execute("INSERT INTO inbox (source, account, message_id, processed_at) VALUES ('position-commands', ?, 'old', now() - interval '36 days')",
                account);
        execute("INSERT INTO inbox (source, account, message_id, processed_at) VALUES ('position-commands', ?, 'young', now() - interval '34 days')",
                account);

        prune();

        assertThat(Database.count("SELECT count(*) FROM inbox WHERE account = ? AND message_id = 'old'", account)).isZero();
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE account = ? AND message_id = 'young'", account)).isOne();
    }

    @Test
    void snapshotLinesArePrunedAfterADayWhileReportsFromTheTopicAreKept() {
        String id = PositionTestClient.uniqueAccount("ret-snap");
        execute("INSERT INTO inbox (source, message_id, processed_at) VALUES ('venue-snapshots', ?, now() - interval '25 hours')", id + "-old");
        execute("INSERT INTO inbox (source, message_id, processed_at) VALUES ('venue-snapshots', ?, now() - interval '23 hours')", id + "-young");
        execute("INSERT INTO inbox (source, message_id, processed_at) VALUES ('venue-reports', ?, now() - interval '25 hours')", id + "-topic");

        prune();

        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id = ?", id + "-old")).isZero();
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id = ?", id + "-young")).isOne();
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id = ?", id + "-topic")).isOne();
    }

    @Test
    void publishedOutboxRowsArePrunedAfterTheirAgeAndSetAsideOnesNever() {
        String type = PositionTestClient.uniqueAccount("ret-outbox");
        outbox(type + "-old", "now() - interval '36 days'", null);
        outbox(type + "-young", "now() - interval '34 days'", null);
        // Unpublished and set aside long ago: work an operator still has to do.
        outbox(type + "-set-aside", null, "now() - interval '90 days'");

        prune();

        assertThat(Database.count("SELECT count(*) FROM outbox WHERE type = ?", type + "-old")).isZero();
        assertThat(Database.count("SELECT count(*) FROM outbox WHERE type = ?", type + "-young")).isOne();
        assertThat(Database.count("SELECT count(*) FROM outbox WHERE type = ?", type + "-set-aside")).isOne();
    }

    @Test
    void ledgerRowsOfFinishedPositionsAndUnknownOrdersArePrunedAfterTheirAge() {
        String account = PositionTestClient.uniqueAccount("ret-ledger");
        long closed = position(account, "CLOSEDX", "CLOSED");
        long rolledBack = position(account, "ROLLEDX", "ROLLED_BACK");
        orderUpdate(account, "pt-" + closed + "-e-1", "36 days");
        orderUpdate(account, "pt-" + closed + "-x-2", "34 days");
        orderUpdate(account, "pt-" + rolledBack + "-e-1", "36 days");
        orderUpdate(account, "manual-order-7", "36 days");
        orderUpdate(account, "pt-999999999999999-e-1", "36 days");

        prune();

        assertThat(ledgerRows(account, "pt-" + closed + "-e-1")).isZero();
        assertThat(ledgerRows(account, "pt-" + closed + "-x-2")).isOne();
        assertThat(ledgerRows(account, "pt-" + rolledBack + "-e-1")).isZero();
        assertThat(ledgerRows(account, "manual-order-7")).isZero();
        assertThat(ledgerRows(account, "pt-999999999999999-e-1")).isZero();
    }

    @Test
    void aFillLedgerRowOfAnOpenPositionSurvivesHoweverOld() {
        String account = PositionTestClient.uniqueAccount("ret-open");
        long open = position(account, "OPENX", "ACTIVE");
        orderUpdate(account, "pt-" + open + "-e-1", "400 days");
        orderUpdate(account, "pt-" + open + "-sl-3", "400 days");

        prune();

        assertThat(ledgerRows(account, "pt-" + open + "-e-1")).isOne();
        assertThat(ledgerRows(account, "pt-" + open + "-sl-3")).isOne();
    }

    @Test
    void observationsNotSeenForADayArePrunedAndFreshOnesKept() {
        String account = PositionTestClient.uniqueAccount("ret-obs");
        observation(account, "STALEX", "25 hours");
        observation(account, "FRESHX", "10 seconds");

        prune();

        assertThat(Database.count("SELECT count(*) FROM reconciliation_observations WHERE account = ? AND symbol = 'STALEX'", account)).isZero();
        assertThat(Database.count("SELECT count(*) FROM reconciliation_observations WHERE account = ? AND symbol = 'FRESHX'", account)).isOne();
    }

    @Test
    void fundingPaymentsArePrunedAfterTheInboxsAgeAndYoungerOnesKept() {
        String account = PositionTestClient.uniqueAccount("ret-fund");
        fundingPayment(account, "old", "36 days");
        fundingPayment(account, "young", "34 days");

        prune();

        assertThat(Database.count("SELECT count(*) FROM funding_payments WHERE account = ? AND payment_id = 'old'", account)).isZero();
        assertThat(Database.count("SELECT count(*) FROM funding_payments WHERE account = ? AND payment_id = 'young'", account)).isOne();
    }

    private static void fundingPayment(String account, String paymentId, String age) {
        execute("INSERT INTO funding_payments (venue, account, payment_id, symbol, asset, amount, paid_at, outcome, received_at)"
                + " VALUES ('retention-test', ?, ?, 'FUNDX', 'USDT', -0.01, now(), 'no_position', now() - ?::interval)", account, paymentId,
                age);
    }

    @Test
    void moreOldRepairsThanOneBatchArePrunedInOneRunAndCountedInTheMetric() {
        String account = PositionTestClient.uniqueAccount("ret-repairs");
        // Two and a half batches of the default size.
        execute("""
                INSERT INTO venue_order_repairs (repaired_at, account, venue, symbol, client_order_id, action)
                SELECT now() - interval '91 days', ?, 'retention-test', 'REPAIRX', 'pt-1-sl-' || n, 'CANCELLED_LEFTOVER'
                  FROM generate_series(1, 2500) n""", account);
        execute("""
                INSERT INTO venue_order_repairs (repaired_at, account, venue, symbol, client_order_id, action)
                VALUES (now() - interval '89 days', ?, 'retention-test', 'REPAIRX', 'pt-1-sl-young', 'CANCELLED_LEFTOVER')""", account);
        double before = prunedCounter("venue_order_repairs");

        PruneRun run = prune();

        assertThat(Database.count("SELECT count(*) FROM venue_order_repairs WHERE account = ?", account)).isOne();
        assertThat(run.pruned().get(PrunedTable.VENUE_ORDER_REPAIRS)).isGreaterThanOrEqualTo(2500);
        assertThat(prunedCounter("venue_order_repairs") - before).isGreaterThanOrEqualTo(2500);
    }

    @Test
    void aRedeliveredCommandInsideTheRetentionWindowStillHasNoSecondEffect() {
        String account = PositionTestClient.uniqueAccount("ret-i2");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "XPTUSD", Side.BUY, "2", null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        // Claimed 34 days ago as far as the prune can tell: still inside the 35 days, still a redelivery.
        execute("UPDATE inbox SET processed_at = now() - interval '34 days' WHERE source = 'position-commands' AND account = ? AND message_id = ?",
                account, open.commandId());

        prune();
        kafka.sendCommand(open);
        PositionCommand.QueryStatus marker = PositionTestClient.status(account, "XPTUSD");
        kafka.sendCommand(marker);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(marker.commandId()).isEmpty());

        assertThat(kafka.resultsFor(open.commandId())).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.OPENED));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isOne();
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE cause = ?", open.commandId())).isOne();
    }

    private PruneRun prune() {
        return pruner.pruneAll().await().atMost(Duration.ofSeconds(60));
    }

    private double prunedCounter(String table) {
        return registry.get("positrack.retention.pruned").tag("table", table).counter().count();
    }

    private static long ledgerRows(String account, String clientOrderId) {
        return Database.count("SELECT count(*) FROM venue_order_updates WHERE account = ? AND client_order_id = ?", account, clientOrderId);
    }

    private static void orderUpdate(String account, String clientOrderId, String age) {
        execute("INSERT INTO venue_order_updates (account, venue, symbol, client_order_id, status, filled_quantity, received_at, outcome)"
                + " VALUES (?, 'retention-test', 'LEDGERX', ?, 'FILLED', 1, now() - ?::interval, 'applied')", account, clientOrderId, age);
    }

    private static void observation(String account, String symbol, String age) {
        execute("INSERT INTO reconciliation_observations (account, venue, symbol, kind, side, quantity, streak, first_seen, last_seen)"
                + " VALUES (?, 'retention-test', ?, 'ORPHAN', 'BUY', 1, 1, now() - ?::interval, now() - ?::interval)", account, symbol, age, age);
    }

    private static void outbox(String type, String publishedAt, String setAsideAt) {
        execute("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, created_at, published_at, set_aside_at, set_aside_reason)"
                + " VALUES (gen_random_uuid(), 'position-events', 'RETX', ?, '{}'::jsonb, now() - interval '100 days', " + publishedAt + ", "
                + setAsideAt + ", " + (setAsideAt == null ? "NULL" : "'test'") + ")", type);
    }

    /** A position row of the given status, with the one audit-trail row its version 1 needs. */
    private static long position(String account, String symbol, String status) {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO positions (account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity, origin,
                                       version, opened_at, updated_at)
                VALUES (?, 'retention-test', ?, 'BUY', ?, 1, 1, 1, 'COMMAND', 1, now() - interval '400 days', now()) RETURNING id""")) {
            s.setString(1, account);
            s.setString(2, symbol);
            s.setString(3, status);
            ResultSet rs = s.executeQuery();
            rs.next();
            long id = rs.getLong(1);
            execute("INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at)"
                    + " VALUES (?, 1, 'test', ?, 'test', '{}'::jsonb, now())", id, status);
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql, Object... params) {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
