package io.positrack.runtime.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings a hand-made Kafka client (an admin client, the poller election's consumer) takes from the
 * service's {@code kafka.*} configuration, the same map the SmallRye channels are built from. Without it such a
 * client would know only the bootstrap servers and fail on an authenticated listener (SASL/SCRAM over TLS in
 * Kubernetes) while the channels work. Only keys the client type knows are copied, so producer settings such
 * as {@code acks} do not make a consumer log "unknown configuration" warnings.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** For an admin client. */
    public static Map<String, Object> admin(Map<String, Object> kafkaConfig) {
        return known(kafkaConfig, AdminClientConfig.configNames());
    }

    /** For a plain consumer; the caller sets its own group, ids and deserializers on top. */
    public static Properties consumer(Map<String, Object> kafkaConfig) {
        Properties properties = new Properties();
        properties.putAll(known(kafkaConfig, ConsumerConfig.configNames()));
        return properties;
    }

    static Map<String, Object> known(Map<String, Object> kafkaConfig, Set<String> names) {
        Map<String, Object> copy = new TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (names.contains(key) && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
