package io.positrack.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The key derivation the manifest test relies on: it must accept real keys and reject near misses. */
class ConfigKeysTest {

    @Test
    void nestedMappingGroupsBecomeKebabCaseKeysAndTheirEnvironmentNames() {
        ConfigKeys position = ConfigKeys.of(ManifestsTest.ROOT.resolve("position-service"));

        assertThat(position.readsEnvironmentVariable("POSITRACK_POSITION_OUTBOX_POLL_INTERVAL")).isTrue();
        assertThat(position.readsEnvironmentVariable("POSITRACK_POSITION_RECONCILIATION_GATE_TRADING")).isTrue();
        assertThat(position.readsEnvironmentVariable("POSITRACK_POSITION_OUTBOX_POLLINTERVAL")).isFalse();
        assertThat(position.readsEnvironmentVariable("POSITRACK_POSITION_OUTBOX")).isFalse();
        // Another service's key is not this service's.
        assertThat(position.readsEnvironmentVariable("POSITRACK_TELEGRAM_MODE")).isFalse();
    }

    @Test
    void mapKeysAndListIndexesAreWildcards() {
        ConfigKeys signal = ConfigKeys.of(ManifestsTest.ROOT.resolve("signal-service"));
        ConfigKeys gateway = ConfigKeys.of(ManifestsTest.ROOT.resolve("telegram-gateway"));

        assertThat(signal.readsProperty("positrack.signal.instruments.XAUUSD.quantity")).isTrue();
        assertThat(signal.readsProperty("positrack.signal.instrument-defaults.simulation.start-price")).isTrue();
        assertThat(signal.readsProperty("positrack.signal.instruments.XAUUSD.quantities")).isFalse();
        assertThat(gateway.readsProperty("positrack.telegram.chats[0].id")).isTrue();
        assertThat(gateway.readsProperty("positrack.telegram.chats[12].admins")).isTrue();
        assertThat(gateway.readsProperty("positrack.telegram.chats.id")).isFalse();
        assertThat(gateway.readsEnvironmentVariable("POSITRACK_TELEGRAM_CHATS_0__ACCOUNT")).isTrue();
    }

    @Test
    void applicationPropertiesAndTheirReferencesAreKeysToo() {
        ConfigKeys signal = ConfigKeys.of(ManifestsTest.ROOT.resolve("signal-service"));

        assertThat(signal.readsEnvironmentVariable("POSITRACK_TOPICS_PARTITIONS")).isTrue();
        assertThat(signal.readsEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(signal.readsEnvironmentVariable("QUARKUS_DATASOURCE_REACTIVE_URL")).isTrue();
        assertThat(signal.readsEnvironmentVariable("POSITRACK_TOPIC_PARTITIONS")).isFalse();
    }

    @Test
    void theSharedRuntimesMappingsAreKeysOfEveryService() {
        for (String service : ManifestsTest.SERVICES) {
            ConfigKeys keys = ConfigKeys.of(ManifestsTest.ROOT.resolve(service));

            assertThat(keys.readsEnvironmentVariable("POSITRACK_KAFKA_INSTANCE_NAME")).as(service).isTrue();
            assertThat(keys.readsEnvironmentVariable("POSITRACK_CONSUMER_STALL_REPORT_AFTER")).as(service).isTrue();
            assertThat(keys.readsEnvironmentVariable("POSITRACK_KAFKA_INSTANCENAME")).as(service).isFalse();
        }
    }
}
