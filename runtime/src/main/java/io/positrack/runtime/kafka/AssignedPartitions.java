package io.positrack.runtime.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Channels that read every partition of their topic without a consumer group: each channel named in
 * {@code positrack.kafka.assign-all-partitions} gets {@code assign-seek=<topic>:0:-1,...,<topic>:N-1:-1} with N =
 * {@code positrack.topics.partitions} (which must equal the topics' partition count, docs/operations.md). Why: a
 * per-replica cache (the gateway's last prices) needs every record from now on and commits nothing; as a group member
 * it had to be a group of its own per replica, one more group left behind on the broker at every restart and a join
 * to wait for at start. Assigned, it starts at the end of each partition at once and the broker keeps no group.
 *
 * <p>A config source because {@code assign-seek} is a connector attribute read from configuration before any
 * consumer exists; explicit configuration (application.properties, environment) wins over it.
 */
public class AssignedPartitions implements ConfigSourceFactory {

    static final String CHANNELS = "positrack.kafka.assign-all-partitions";
    static final String PARTITIONS = "positrack.topics.partitions";
    /** Below application.properties (250), so an explicit assign-seek there wins. */
    private static final int ORDINAL = 200;

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        String channels = value(context, CHANNELS);
        if (channels == null || channels.isBlank()) {
            return List.of();
        }
        String partitions = value(context, PARTITIONS);
        int count = partitions == null ? 4 : Integer.parseInt(partitions.trim());
        Map<String, String> properties = new TreeMap<>();
        for (String channel : Arrays.stream(channels.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList()) {
            String topic = value(context, "mp.messaging.incoming." + channel + ".topic");
            properties.put("mp.messaging.incoming." + channel + ".assign-seek", assignSeek(topic == null ? channel : topic, count));
        }
        return List.of(new MapBackedConfigSource("positrack assigned partitions", properties, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** Every partition of the topic, each from its end (offset -1): only what is published from now on. */
    static String assignSeek(String topic, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException(PARTITIONS + " must be at least 1, was " + partitions);
        }
        return IntStream.range(0, partitions).mapToObj(p -> topic + ":" + p + ":-1").collect(Collectors.joining(","));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

}
