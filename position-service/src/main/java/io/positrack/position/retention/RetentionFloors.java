package io.positrack.position.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.positrack.position.config.PositionConfig;

/**
 * The shortest retention each table may have, and the check that refuses startup below it. A row that dedupes a
 * message must outlive every way that message can come back: the longest is a dead letter a human replays from a
 * {@code -dlq} topic, kept 30 days (deploy/kubernetes/base/kafka/topics.yaml; the inputs themselves are kept 7).
 */
public final class RetentionFloors {

    /** The longest retention of the topics whose messages the inbox and the ledger dedupe, dead-letter twins included. */
    public static final Duration REDELIVERY_WINDOW = Duration.ofDays(30);

    /** Larger batches hold their locks and WAL for longer than a prune should. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private RetentionFloors() {
    }

    /** Every reason the configuration is refused; empty when it may run. */
    public static List<String> problems(PositionConfig.Retention r, Duration reconciliationInterval, int confirmations) {
        List<String> problems = new ArrayList<>();
        longerThanRedelivery("inbox", r.inbox(), problems);
        longerThanRedelivery("published-outbox", r.publishedOutbox(), problems);
        longerThanRedelivery("order-updates", r.orderUpdates(), problems);
        longerThanRedelivery("funding-payments", r.fundingPayments(), problems);
        positive("snapshot-lines", r.snapshotLines(), problems);
        positive("order-repairs", r.orderRepairs(), problems);
        positive("interval", r.interval(), problems);
        // An observation is refreshed every reconciliation run; younger than a full streak, a live one could be pruned
        // between two sightings and never reach its confirmations.
        Duration streak = reconciliationInterval.multipliedBy(Math.max(1, confirmations));
        if (r.observations().compareTo(streak) <= 0) {
            problems.add("positrack.position.retention.observations must be longer than reconciliation interval x confirmations ("
                    + streak + "), is " + r.observations());
        }
        if (r.batchSize() < 1 || r.batchSize() > MAX_BATCH_SIZE) {
            problems.add("positrack.position.retention.batch-size must be 1.." + MAX_BATCH_SIZE + ", is " + r.batchSize());
        }
        if (r.maxBatchesPerRun() < 1) {
            problems.add("positrack.position.retention.max-batches-per-run must be at least 1, is " + r.maxBatchesPerRun());
        }
        return problems;
    }

    private static void longerThanRedelivery(String key, Duration value, List<String> problems) {
        if (value.compareTo(REDELIVERY_WINDOW) <= 0) {
            problems.add("positrack.position.retention." + key + " must be longer than " + REDELIVERY_WINDOW.toDays()
                    + " days (the longest a topic it dedupes can redeliver a message), is " + value);
        }
    }

    private static void positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add("positrack.position.retention." + key + " must be positive, is " + value);
        }
    }
}
