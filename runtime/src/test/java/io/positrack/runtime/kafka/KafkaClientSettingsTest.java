package io.positrack.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    static final Map<String, Object> SERVICE = Map.of(
            "bootstrap.servers", "positrack-kafka-bootstrap:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/kafka-ca/ca.crt",
            "acks", "all",
            "enable.idempotence", "true");

    @Test
    void aConsumerGetsTheListenerCredentialsAndTrustStore() {
        var consumer = KafkaClientSettings.consumer(SERVICE);

        assertThat(consumer).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", SERVICE.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
                .containsEntry("bootstrap.servers", "positrack-kafka-bootstrap:9093");
    }

    @Test
    void producerOnlySettingsAreNotGivenToAConsumer() {
        assertThat(KafkaClientSettings.consumer(SERVICE)).doesNotContainKeys("acks", "enable.idempotence");
    }

    @Test
    void anAdminClientGetsTheCredentialsButNoClientSpecificSettings() {
        assertThat(KafkaClientSettings.admin(SERVICE))
                .containsEntry("sasl.jaas.config", SERVICE.get("sasl.jaas.config"))
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKeys("acks", "enable.idempotence");
    }
}
