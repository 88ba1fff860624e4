package io.positrack.gateway.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.positrack.gateway.config.GatewayConfig;

/**
 * The shortest the gateway may keep its dedupe records, and the check that refuses startup below it. A record must
 * outlive every redelivery of what it dedupes, or a second message is sent to a chat.
 */
public final class RetentionFloors {

    /** Telegram keeps an update it has not seen confirmed, and hands it out again, for up to 24 hours. */
    public static final Duration TELEGRAM_REDELIVERY = Duration.ofHours(24);

    /**
     * The longest retention of the topics whose records become replies: {@code alerts} and every {@code -dlq} twin
     * keep 30 days (deploy/kubernetes/base/kafka/topics.yaml), {@code command-results} 7.
     */
    public static final Duration TOPIC_REDELIVERY = Duration.ofDays(30);

    public static final int MAX_BATCH_SIZE = 10_000;

    private RetentionFloors() {
    }

    /** Every reason the configuration is refused; empty when it may run. */
    public static List<String> problems(GatewayConfig.Retention r) {
        List<String> problems = new ArrayList<>();
        if (r.updates().compareTo(TELEGRAM_REDELIVERY) <= 0) {
            problems.add("positrack.telegram.retention.updates must be longer than 24 hours (Telegram redelivers an update that long), is "
                    + r.updates());
        }
        if (r.replies().compareTo(TOPIC_REDELIVERY) <= 0) {
            problems.add("positrack.telegram.retention.replies must be longer than 30 days (alerts and dead letters are kept that long), is "
                    + r.replies());
        }
        if (r.interval().isZero() || r.interval().isNegative()) {
            problems.add("positrack.telegram.retention.interval must be positive, is " + r.interval());
        }
        if (r.batchSize() < 1 || r.batchSize() > MAX_BATCH_SIZE) {
            problems.add("positrack.telegram.retention.batch-size must be 1.." + MAX_BATCH_SIZE + ", is " + r.batchSize());
        }
        if (r.maxBatchesPerRun() < 1) {
            problems.add("positrack.telegram.retention.max-batches-per-run must be at least 1, is " + r.maxBatchesPerRun());
        }
        return problems;
    }
}
