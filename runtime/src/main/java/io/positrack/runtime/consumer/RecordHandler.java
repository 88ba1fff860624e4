package io.positrack.runtime.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.smallrye.mutiny.Uni;

/**
 * Applies one valid message. A failure that {@link TransientFailures} calls passing is retried with the same
 * record, in order; any other failure (or exception thrown) dead-letters the record with its class and message.
 */
@FunctionalInterface
public interface RecordHandler<T> {

    Uni<Verdict> handle(T value, ConsumerRecord<String, byte[]> record);
}
