package io.positrack.position.outbox;

import java.util.Map;
import java.util.UUID;

/**
 * One message to publish after commit.
 *
 * @param topic destination topic (the outbox's {@code aggregatetype})
 * @param key Kafka key, the symbol (or the account for account-wide answers)
 * @param ceId the CloudEvents id; deterministic so a republished row is recognisable
 * @param ceType the CloudEvents type
 * @param subject the CloudEvents subject (the position id, or the command id)
 * @param payload the body, serialised to JSON
 */
public record OutboxMessage(UUID id, String topic, String key, String ceId, String ceType, String subject, Object payload) {

    public static OutboxMessage of(String topic, String key, String ceId, String ceType, String subject, Object payload) {
        return new OutboxMessage(UUID.randomUUID(), topic, key, ceId, ceType, subject, payload);
    }

    /** CloudEvents Kafka binding, binary mode: attributes travel as {@code ce_*} headers. */
    public Map<String, String> cloudEventHeaders(String source, String time) {
        return io.positrack.contracts.CloudEventHeaders.of(ceId, source, ceType, subject, time);
    }
}
