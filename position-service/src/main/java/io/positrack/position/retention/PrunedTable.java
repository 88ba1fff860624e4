package io.positrack.position.retention;

import java.time.Duration;
import java.util.function.Function;

import io.positrack.position.config.PositionConfig;

/**
 * A table the retention prunes, with the rows that are old enough to go. Each query selects at most {@code $2} row
 * ids older than {@code $1} seconds by the database's clock (the same clock that stamped them); {@code SKIP LOCKED}
 * lets replicas prune at the same time without waiting on each other or on a transaction that is using a row.
 */
public enum PrunedTable {

    /** Everything claimed: commands, order updates and reports from {@code venue-events}, snapshot lines. */
    INBOX("inbox", PositionConfig.Retention::inbox, """
            SELECT ctid FROM inbox WHERE processed_at < now() - make_interval(secs => $1::bigint)
             LIMIT $2 FOR UPDATE SKIP LOCKED"""),

    /** Lines of reconciliation's own snapshots: fresh ids no topic holds, so no redelivery to dedupe. */
    INBOX_SNAPSHOT_LINES("inbox", PositionConfig.Retention::snapshotLines, """
            SELECT ctid FROM inbox WHERE source = 'venue-snapshots' AND processed_at < now() - make_interval(secs => $1::bigint)
             LIMIT $2 FOR UPDATE SKIP LOCKED"""),

    /** Published rows only: an unpublished or set-aside row is work still to do, whatever its age. */
    OUTBOX("outbox", PositionConfig.Retention::publishedOutbox, """
            SELECT ctid FROM outbox WHERE published_at < now() - make_interval(secs => $1::bigint) AND set_aside_at IS NULL
             LIMIT $2 FOR UPDATE SKIP LOCKED"""),

    /**
     * The fill ledger: {@code VenueOrderLedger.accountedFor} sums an order's earlier fills, so the rows of an order
     * whose position is not finished are kept however old. The position is read from the client order id
     * ({@code ClientOrderId}: pt-position-role-attempt); an id that is not ours, or names no position, is an unknown
     * order. Any status other than CLOSED and ROLLED_BACK counts as open, so a status added later is kept.
     */
    VENUE_ORDER_UPDATES("venue_order_updates", PositionConfig.Retention::orderUpdates, """
            SELECT u.ctid FROM venue_order_updates u
             WHERE u.received_at < now() - make_interval(secs => $1::bigint)
               AND NOT EXISTS (SELECT 1 FROM positions p
                                WHERE p.id = substring(u.client_order_id FROM '^pt-([1-9][0-9]{0,17})-(?:e|sl|tp|x)-[1-9][0-9]{0,8}$')::bigint
                                  AND p.status NOT IN ('CLOSED', 'ROLLED_BACK'))
             LIMIT $2 FOR UPDATE OF u SKIP LOCKED"""),

    /** A discrepancy not seen again: forgetting it only restarts its streak, so it is acted on later, never sooner. */
    RECONCILIATION_OBSERVATIONS("reconciliation_observations", PositionConfig.Retention::observations, """
            SELECT ctid FROM reconciliation_observations WHERE last_seen < now() - make_interval(secs => $1::bigint)
             LIMIT $2 FOR UPDATE SKIP LOCKED"""),

    /** The operators' record of what protective-order reconciliation changed. */
    VENUE_ORDER_REPAIRS("venue_order_repairs", PositionConfig.Retention::orderRepairs, """
            SELECT ctid FROM venue_order_repairs WHERE repaired_at < now() - make_interval(secs => $1::bigint)
             LIMIT $2 FOR UPDATE SKIP LOCKED"""),

    /**
     * Funding payments booked: the row is what makes a redelivered payment a no-op, so it outlives every redelivery
     * (its floor is the inbox's). The position keeps the sum.
     */
    FUNDING_PAYMENTS("funding_payments", PositionConfig.Retention::fundingPayments, """
            SELECT ctid FROM funding_payments WHERE received_at < now() - make_interval(secs => $1::bigint)
             LIMIT $2 FOR UPDATE SKIP LOCKED""");

    private final String table;
    private final Function<PositionConfig.Retention, Duration> maxAge;
    private final String oldRows;

    PrunedTable(String table, Function<PositionConfig.Retention, Duration> maxAge, String oldRows) {
        this.table = table;
        this.maxAge = maxAge;
        this.oldRows = oldRows;
    }

    /** The metric tag and log name: lower case, one per kind of row pruned. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Duration maxAge(PositionConfig.Retention retention) {
        return maxAge.apply(retention);
    }

    /** The table's batched delete ({@code BatchedDelete}: by the selected rows' physical ids, within a batch budget). */
    public io.positrack.runtime.retention.BatchedDelete batchedDelete(io.micrometer.core.instrument.MeterRegistry registry) {
        return new io.positrack.runtime.retention.BatchedDelete(label(), table, oldRows, registry);
    }
}
