package io.positrack.position.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetentionFloorsTest {

    private static final Duration RECONCILIATION = Duration.ofSeconds(10);

    @Test
    void theDefaultsAreAccepted() {
        assertThat(RetentionFloors.problems(TestRetention.defaults(), RECONCILIATION, 2)).isEmpty();
    }

    @Test
    void anInboxKeptNoLongerThanTheDeadLetterTopicsIsRefused() {
        assertThat(RetentionFloors.problems(TestRetention.defaults().withInbox(Duration.ofDays(30)), RECONCILIATION, 2))
                .singleElement().asString().contains("retention.inbox", "30 days");
        assertThat(RetentionFloors.problems(TestRetention.defaults().withInbox(Duration.ofDays(7)), RECONCILIATION, 2)).hasSize(1);
        assertThat(RetentionFloors.problems(TestRetention.defaults().withInbox(Duration.ofDays(31)), RECONCILIATION, 2)).isEmpty();
    }

    @Test
    void aPublishedOutboxOrFillLedgerKeptTooShortIsRefused() {
        assertThat(RetentionFloors.problems(TestRetention.defaults().withPublishedOutbox(Duration.ofDays(7)), RECONCILIATION, 2))
                .singleElement().asString().contains("retention.published-outbox");
        assertThat(RetentionFloors.problems(TestRetention.defaults().withFundingPayments(Duration.ofDays(7)), RECONCILIATION, 2))
                .singleElement().asString().contains("funding-payments");
        assertThat(RetentionFloors.problems(TestRetention.defaults().withOrderUpdates(Duration.ofHours(1)), RECONCILIATION, 2))
                .singleElement().asString().contains("retention.order-updates");
    }

    @Test
    void observationsKeptNoLongerThanAStreakAreRefused() {
        TestRetention twentySeconds = TestRetention.defaults().withObservations(Duration.ofSeconds(20));
        assertThat(RetentionFloors.problems(twentySeconds, RECONCILIATION, 2)).singleElement().asString().contains("observations");
        assertThat(RetentionFloors.problems(twentySeconds, RECONCILIATION, 1)).isEmpty();
    }

    @Test
    void aBatchSizeOutsideItsBoundsIsRefused() {
        assertThat(RetentionFloors.problems(TestRetention.defaults().withBatchSize(0), RECONCILIATION, 2)).hasSize(1);
        assertThat(RetentionFloors.problems(TestRetention.defaults().withBatchSize(RetentionFloors.MAX_BATCH_SIZE + 1), RECONCILIATION, 2))
                .hasSize(1);
    }
}
