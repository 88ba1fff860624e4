package io.positrack.position.outbox;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Decides whether the broker's refusal of one outbox row is permanent (the row itself is at fault: it
 * will be refused every time, so it is set aside) or transient (sent again next round, in order).
 *
 * <p>Permanent: Kafka's non-retriable errors about the record, such as {@code RecordTooLargeException},
 * {@code InvalidTopicException}, {@code InvalidRecordException}, and {@code SerializationException}.
 * Everything else is transient: retriable errors and timeouts (a missing topic only times out, so it
 * waits until the topic is created), errors of the producer or the cluster rather than the row
 * (authentication, authorisation, a fenced or out-of-sequence producer, an old broker), and anything
 * that is not a Kafka error at all (a producer closed at shutdown, a bug of ours). Setting those aside
 * would drop every row of the round instead of one.
 */
public final class SendFailures {

    private SendFailures() {
    }

    public static boolean isPermanent(Throwable failure) {
        Throwable kafka = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException) {
                return false;
            }
            if (kafka == null && t instanceof KafkaException) {
                kafka = t;
            }
        }
        return kafka != null && !isProducerOrClusterFault(kafka) && (kafka instanceof ApiException || kafka instanceof SerializationException);
    }

    private static boolean isProducerOrClusterFault(Throwable t) {
        return t instanceof AuthenticationException || t instanceof AuthorizationException || t instanceof ProducerFencedException
                || t instanceof InvalidProducerEpochException || t instanceof OutOfOrderSequenceException
                || t instanceof UnsupportedVersionException || t instanceof InterruptException;
    }

    /** What the row's set-aside reason says: the error's type and message, short (no payload is ever in it). */
    public static String describe(Throwable failure) {
        Throwable shown = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KafkaException) {
                shown = t;
                break;
            }
        }
        String text = shown.getClass().getSimpleName() + (shown.getMessage() != null ? ": " + shown.getMessage() : "");
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
