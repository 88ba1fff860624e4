package io.positrack.runtime.consumer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The one way a Positrack service consumes a record: size check, strict decode, validate, handle.
 *
 * <ul>
 * <li>Anything refused (empty, oversized, not JSON, malformed, unknown type, invalid, refused by the handler,
 * or a handler failure that is not passing) is dead-lettered with its reason and origin, and the consumer
 * goes on with the next record.</li>
 * <li>A passing fault ({@link TransientFailures}) retries the same record with backoff, for as long as it
 * takes, keeping the partition's order; readiness reports the partition meanwhile.</li>
 * <li>The returned Uni never fails, so no record can bring a channel to SmallRye's fail-stop state.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsumerPipeline {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final DeadLetterPublisher deadLetters;
    private final ConsumerStatus status;
    private final ConsumerMetrics metrics;
    private final ConsumerLimits limits;

    public ConsumerPipeline(DeadLetterPublisher deadLetters, ConsumerStatus status, ConsumerMetrics metrics, ConsumerLimits limits) {
        this.deadLetters = deadLetters;
        this.status = status;
        this.metrics = metrics;
        this.limits = limits;
    }

    public <T> Uni<Void> consume(ConsumerRecord<String, byte[]> record, Decoder<T> decoder, RecordHandler<T> handler) {
        return consume(record, decoder, handler, RefusalListener.NONE);
    }

    /** As {@link #consume(ConsumerRecord, Decoder, RecordHandler)}, telling {@code listener} of every refusal after its dead letter. */
    public <T> Uni<Void> consume(ConsumerRecord<String, byte[]> record, Decoder<T> decoder, RecordHandler<T> handler,
            RefusalListener listener) {
        return Uni.createFrom().deferred(() -> run(record, decoder, handler, listener))
                .onFailure().recoverWithUni(e -> {
                    // Only a bug of ours gets here (the steps below recover on their own); the record is not lost silently.
                    Log.errorf("Consumer pipeline failed on %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e);
                    return deadLetters.send(record, Refusal.handlerFailed(e));
                });
    }

    private <T> Uni<Void> run(ConsumerRecord<String, byte[]> record, Decoder<T> decoder, RecordHandler<T> handler,
            RefusalListener listener) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return refuse(record, Refusal.empty(value == null ? "null value" : "empty value"), null, listener);
        }
        if (value.length > limits.maxValueBytes()) {
            return refuse(record, Refusal.oversized("value of %d bytes is over the limit of %d".formatted(value.length,
                    limits.maxValueBytes())), null, listener);
        }
        Decoded<T> decoded = decodeSafely(decoder, value);
        if (!decoded.valid()) {
            return refuse(record, decoded.refusal(), decoded.raw(), listener);
        }
        T message = decoded.value();
        return Uni.createFrom().deferred(() -> handler.handle(message, record))
                .onFailure(TransientFailures::isTransient).invoke(e -> {
                    metrics.retried(record.topic());
                    status.retrying(record.topic(), record.partition(), record.offset(), e);
                    Log.warnf("%s-%d@%d: passing fault, retrying: %s", record.topic(), record.partition(), record.offset(), e.toString());
                })
                .onFailure(TransientFailures::isTransient).retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely()
                .onItemOrFailure().transform((verdict, failure) -> {
                    status.moving(record.topic(), record.partition());
                    if (failure != null) {
                        Log.errorf("%s-%d@%d could not be applied: %s", record.topic(), record.partition(), record.offset(),
                                failure.toString());
                        return new Verdict.Refused(Refusal.handlerFailed(failure));
                    }
                    return verdict == null ? Verdict.applied() : verdict;
                })
                .flatMap(verdict -> {
                    if (verdict instanceof Verdict.Refused refused) {
                        return refuse(record, refused.refusal(), decoded.raw(), listener);
                    }
                    if (verdict instanceof Verdict.Skipped) {
                        metrics.skipped(record.topic());
                    } else {
                        metrics.applied(record.topic());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    private static <T> Decoded<T> decodeSafely(Decoder<T> decoder, byte[] value) {
        try {
            return decoder.decode(value);
        } catch (RuntimeException | StackOverflowError e) {
            return Decoded.refused(Refusal.handlerFailed(e), null);
        }
    }

    private Uni<Void> refuse(ConsumerRecord<String, byte[]> record, Refusal refusal, com.fasterxml.jackson.databind.JsonNode raw,
            RefusalListener listener) {
        return deadLetters.send(record, refusal).call(() -> Uni.createFrom().deferred(() -> listener.refused(record, refusal, raw))
                .onFailure(TransientFailures::isTransient).retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).atMost(20)
                .onFailure().recoverWithUni(e -> {
                    // The dead letter is the durable record of the refusal; a lost answer to the sender is only logged.
                    Log.warnf("Answer to the refused record %s-%d@%d not sent: %s", record.topic(), record.partition(),
                            record.offset(), e.toString());
                    return Uni.createFrom().voidItem();
                }));
    }
}
