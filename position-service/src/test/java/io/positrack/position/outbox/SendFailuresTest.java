package io.positrack.position.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class SendFailuresTest {

    @Test
    void recordsTheBrokerWillNeverAcceptArePermanent() {
        assertThat(SendFailures.isPermanent(new RecordTooLargeException("1200000 bytes"))).isTrue();
        assertThat(SendFailures.isPermanent(new InvalidTopicException("no such topic!"))).isTrue();
        assertThat(SendFailures.isPermanent(new SerializationException("cannot serialise"))).isTrue();
        assertThat(SendFailures.isPermanent(new CompletionException(new RecordTooLargeException("wrapped")))).isTrue();
    }

    @Test
    void retriableErrorsAndTimeoutsAreTransient() {
        assertThat(SendFailures.isPermanent(new NotEnoughReplicasException("min.insync.replicas"))).isFalse();
        assertThat(SendFailures.isPermanent(new UnknownTopicOrPartitionException("not yet"))).isFalse();
        // A topic that does not exist only times out waiting for metadata: it is waited for, not set aside.
        assertThat(SendFailures.isPermanent(new TimeoutException("Topic x not present in metadata after 60000 ms"))).isFalse();
        assertThat(SendFailures.isPermanent(new KafkaException(new java.util.concurrent.TimeoutException()))).isFalse();
    }

    @Test
    void faultsOfTheProducerOrTheClusterRatherThanTheRowAreTransient() {
        // Setting these aside would drop every row of the round, not the one at fault.
        assertThat(SendFailures.isPermanent(new TopicAuthorizationException("ACL"))).isFalse();
        assertThat(SendFailures.isPermanent(new KafkaException("Producer closed while send in progress"))).isFalse();
        assertThat(SendFailures.isPermanent(new IllegalStateException("Cannot perform operation after producer has been closed"))).isFalse();
        assertThat(SendFailures.isPermanent(new RuntimeException("a bug of ours"))).isFalse();
    }

    @Test
    void theReasonNamesTheKafkaErrorAndIsShort() {
        assertThat(SendFailures.describe(new CompletionException(new RecordTooLargeException("too big"))))
                .isEqualTo("RecordTooLargeException: too big");
        assertThat(SendFailures.describe(new InvalidTopicException("x".repeat(5000)))).hasSizeLessThanOrEqualTo(501);
    }
}
