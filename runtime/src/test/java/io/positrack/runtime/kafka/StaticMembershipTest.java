package io.positrack.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class StaticMembershipTest {

    private static final Config CHANNEL = channelConfig(Map.of());

    @Test
    void eachConcurrentConsumerOfAChannelGetsAnIdOfItsOwnFromTheConfiguredInstanceName() {
        StaticMembership membership = new StaticMembership(named("position-service-7d9f-x2k4q"));

        Object first = membership.customize("position-commands$1", CHANNEL, consumer()).get("group.instance.id");
        Object second = membership.customize("position-commands$2", CHANNEL, consumer()).get("group.instance.id");
        Object venue = membership.customize("venue-events$1", CHANNEL, consumer()).get("group.instance.id");

        assertThat(first).isEqualTo("position-service-7d9f-x2k4q-position-commands.1");
        assertThat(second).isEqualTo("position-service-7d9f-x2k4q-position-commands.2");
        assertThat(venue).isEqualTo("position-service-7d9f-x2k4q-venue-events.1");
    }

    @Test
    void withoutAConfiguredNameTheProcessUsesAGeneratedOneForEveryStart() {
        StaticMembership one = new StaticMembership(named(null));
        StaticMembership restarted = new StaticMembership(named(null));

        assertThat(one.instance()).matches("local-[0-9a-f-]{36}").isEqualTo(restarted.instance());
        assertThat(one.customize("alerts", CHANNEL, consumer()).get("group.instance.id")).isEqualTo(one.instance() + "-alerts");
    }

    @Test
    void producersAndAssignedChannelsAreLeftAlone() {
        StaticMembership membership = new StaticMembership(named("pod-1"));
        Map<String, Object> producer = new HashMap<>(Map.of("acks", "all"));

        assertThat(membership.customize("outbox", CHANNEL, producer)).doesNotContainKey("group.instance.id");
        assertThat(membership.customize("market-ticks", channelConfig(Map.of("assign-seek", "market-ticks:0:-1")), consumer()))
                .doesNotContainKey("group.instance.id");
    }

    @Test
    void anIdSetInTheChannelConfigurationWins() {
        StaticMembership membership = new StaticMembership(named("pod-1"));
        Map<String, Object> consumer = consumer();
        consumer.put("group.instance.id", "chosen");

        assertThat(membership.customize("alerts", CHANNEL, consumer)).containsEntry("group.instance.id", "chosen");
    }

    @Test
    void aNameKafkaWouldRefuseStopsTheStart() {
        assertThatThrownBy(() -> new StaticMembership(named("pod name/1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positrack.kafka.instance-name");
        assertThatThrownBy(() -> StaticMembership.groupInstanceId("p".repeat(240), "position-commands$1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("249");
    }

    private static KafkaMembership named(String instance) {
        return new KafkaMembership() {
            @Override
            public Optional<String> instanceName() {
                return Optional.ofNullable(instance);
            }

            @Override
            public Optional<List<String>> assignAllPartitions() {
                return Optional.empty();
            }
        };
    }

    private static Map<String, Object> consumer() {
        return new HashMap<>(Map.of("group.id", "position-service", "client.id", "kafka-consumer-x"));
    }

    private static Config channelConfig(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "channel", 100)).build();
    }
}
