package io.positrack.position.retention;

import java.time.Duration;

import io.positrack.position.config.PositionConfig;

/** A retention configuration for unit tests: the defaults, each changeable. */
record TestRetention(Duration interval, Duration initialDelay, int batchSize, int maxBatchesPerRun, Duration inbox, Duration snapshotLines,
        Duration publishedOutbox, Duration orderUpdates, Duration observations, Duration orderRepairs, Duration fundingPayments) implements PositionConfig.Retention {

    static TestRetention defaults() {
        return new TestRetention(Duration.ofHours(1), Duration.ofMinutes(5), 1000, 200, Duration.ofDays(35), Duration.ofDays(1),
                Duration.ofDays(35), Duration.ofDays(35), Duration.ofDays(1), Duration.ofDays(90), Duration.ofDays(35));
    }

    TestRetention withInbox(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, d, snapshotLines, publishedOutbox, orderUpdates,
                observations, orderRepairs, fundingPayments);
    }

    TestRetention withPublishedOutbox(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, d, orderUpdates, observations,
                orderRepairs, fundingPayments);
    }

    TestRetention withOrderUpdates(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, d, observations,
                orderRepairs, fundingPayments);
    }

    TestRetention withObservations(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, orderUpdates, d,
                orderRepairs, fundingPayments);
    }

    TestRetention withFundingPayments(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, orderUpdates,
                observations, orderRepairs, d);
    }

    TestRetention withBatchSize(int n) {
        return new TestRetention(interval, initialDelay, n, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, orderUpdates, observations,
                orderRepairs, fundingPayments);
    }
}
