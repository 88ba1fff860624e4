package io.positrack.position.retention;

import java.time.Duration;

import io.positrack.position.config.PositionConfig;

/** A retention configuration for unit tests: the defaults, each changeable. */
record TestRetention(Duration interval, Duration initialDelay, int batchSize, int maxBatchesPerRun, Duration inbox, Duration snapshotLines,
        Duration publishedOutbox, Duration orderUpdates, Duration observations, Duration orderRepairs) implements PositionConfig.Retention {

    static TestRetention defaults() {
        return new TestRetention(Duration.ofHours(1), Duration.ofMinutes(5), 1000, 200, Duration.ofDays(35), Duration.ofDays(1),
                Duration.ofDays(35), Duration.ofDays(35), Duration.ofDays(1), Duration.ofDays(90));
    }

    TestRetention withInbox(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, d, snapshotLines, publishedOutbox, orderUpdates,
                observations, orderRepairs);
    }

    TestRetention withPublishedOutbox(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, d, orderUpdates, observations,
                orderRepairs);
    }

    TestRetention withOrderUpdates(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, d, observations,
                orderRepairs);
    }

    TestRetention withObservations(Duration d) {
        return new TestRetention(interval, initialDelay, batchSize, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, orderUpdates, d,
                orderRepairs);
    }

    TestRetention withBatchSize(int n) {
        return new TestRetention(interval, initialDelay, n, maxBatchesPerRun, inbox, snapshotLines, publishedOutbox, orderUpdates, observations,
                orderRepairs);
    }
}
