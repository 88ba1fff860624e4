package io.positrack.runtime.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Told after a record was dead-lettered, for a consumer that answers refused commands to their sender.
 * {@code raw} is the JSON object when the record was one (otherwise null): untrusted, read defensively.
 */
@FunctionalInterface
public interface RefusalListener {

    RefusalListener NONE = (record, refusal, raw) -> Uni.createFrom().voidItem();

    Uni<Void> refused(ConsumerRecord<String, byte[]> record, Refusal refusal, JsonNode raw);
}
