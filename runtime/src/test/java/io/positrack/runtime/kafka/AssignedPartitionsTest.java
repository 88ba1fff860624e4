package io.positrack.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class AssignedPartitionsTest {

    @Test
    void aListedChannelIsAssignedEveryPartitionOfItsTopicFromTheEnd() {
        SmallRyeConfig config = config(Map.of(
                "positrack.kafka.assign-all-partitions", "prices",
                "positrack.topics.partitions", "3",
                "mp.messaging.incoming.prices.topic", "market-ticks"));

        assertThat(config.getValue("mp.messaging.incoming.prices.assign-seek", String.class))
                .isEqualTo("market-ticks:0:-1,market-ticks:1:-1,market-ticks:2:-1");
    }

    @Test
    void channelsNotListedKeepTheirGroup() {
        SmallRyeConfig config = config(Map.of(
                "positrack.kafka.assign-all-partitions", "market-ticks",
                "mp.messaging.incoming.alerts.topic", "alerts"));

        assertThat(config.getOptionalValue("mp.messaging.incoming.alerts.assign-seek", String.class)).isEmpty();
        assertThat(config.getValue("mp.messaging.incoming.market-ticks.assign-seek", String.class))
                .as("topic defaults to the channel name, partitions to 4").endsWith("market-ticks:3:-1");
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "application", 250))
                .withSources(new AssignedPartitions()).build();
    }
}
