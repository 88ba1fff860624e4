package io.positrack.runtime.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * The Kafka channels this service consumes, read from its {@code mp.messaging.incoming.*} configuration: the
 * one place that knows which topics and groups the metrics, the lag gauge and the health check are about.
 */
@ApplicationScoped
public class ConsumedTopics {

    /** One incoming channel: its topic, its group, and whether it commits offsets (a lag is meaningful). */
    public record Channel(String name, String topic, String group, boolean commits) {
    }

    private static final String PREFIX = "mp.messaging.incoming.";

    private final List<Channel> channels;

    public ConsumedTopics(Config config) {
        List<Channel> found = new ArrayList<>();
        for (String property : config.getPropertyNames()) {
            if (!property.startsWith(PREFIX) || !property.endsWith(".connector")) {
                continue;
            }
            String name = property.substring(PREFIX.length(), property.length() - ".connector".length());
            if (name.contains(".") || !"smallrye-kafka".equals(config.getOptionalValue(property, String.class).orElse(""))) {
                continue;
            }
            String topic = config.getOptionalValue(PREFIX + name + ".topic", String.class).orElse(name);
            Optional<String> group = config.getOptionalValue(PREFIX + name + ".group.id", String.class);
            boolean commits = !"ignore".equals(config.getOptionalValue(PREFIX + name + ".commit-strategy", String.class).orElse(""))
                    && group.isPresent();
            found.add(new Channel(name, topic, group.orElse(""), commits));
        }
        this.channels = List.copyOf(found);
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<String> topics() {
        return channels.stream().map(Channel::topic).distinct().toList();
    }
}
