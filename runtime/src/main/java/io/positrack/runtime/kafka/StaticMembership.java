package io.positrack.runtime.kafka;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Kafka static group membership for every incoming channel: each consumer joins its group with
 * {@code group.instance.id = <instance>-<channel>}. Why: a dynamic member that restarts joins as a stranger, so the
 * group waits for the old member's session to expire and then rebalances every partition; a static member coming
 * back under the same id gets its own partitions back at once, without a rebalance. The price: a static member
 * that dies (or stops) keeps its partitions until its session times out, since it does not leave the group on
 * close, which is why the services' {@code kafka.session.timeout.ms} is short (6 s).
 *
 * <p>Every consumer needs an id of its own (the broker fences the older of two members with one id): a channel
 * with {@code concurrency=N} runs N consumers, which SmallRye names {@code <channel>$1} .. {@code <channel>$N}, and
 * that indexed name is what this customizer is given, so the ids differ. Channels that are assigned partitions
 * ({@code assign-seek}) join no group and get no id; an id set explicitly in a channel's configuration wins.
 * The connector's own {@code partitions} attribute (several consumers under one channel name) is not used here.
 *
 * <p>A {@link ClientCustomizer} rather than a config source: it sees the final consumer map of each consumer,
 * with its indexed channel name, and it is the one place this rule lives for all services.
 */
@ApplicationScoped
@Unremovable // looked up by the connector through Instance<ClientCustomizer<...>>, never injected by type
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

    /** Kafka's rule for a group instance id (JoinGroupRequest.validateGroupInstanceId). */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_LENGTH = 249;

    /**
     * One per JVM, not per application start: a test JVM that restarts Quarkus (another profile, other test
     * resources) comes back under the same ids and resumes its partitions at once, instead of waiting 6 s for the
     * previous start's members, which a static member's close does not remove from the group.
     */
    private static final String GENERATED = "local-" + UUID.randomUUID();

    private final String instance;

    public StaticMembership(KafkaMembership membership) {
        this.instance = membership.instanceName().map(String::trim).filter(name -> !name.isEmpty())
                .orElseGet(StaticMembership::generatedName);
        if (!LEGAL.matcher(instance).matches()) {
            throw new IllegalArgumentException("positrack.kafka.instance-name '" + instance
                    + "' may hold only letters, digits, '.', '_' and '-' (it becomes the Kafka group.instance.id)");
        }
    }

    /** The instance name in use (configured or generated). */
    public String instance() {
        return instance;
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        boolean consumerInAGroup = config.containsKey(ConsumerConfig.GROUP_ID_CONFIG)
                && channelConfig.getOptionalValue("assign-seek", String.class).isEmpty();
        if (consumerInAGroup && !config.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId(instance, channel));
        }
        return config;
    }

    /**
     * {@code <instance>-<channel>}, with the characters Kafka refuses in an id (SmallRye's '$' of a concurrent
     * channel) turned into '.', so {@code position-commands$2} gives {@code <instance>-position-commands.2}.
     */
    static String groupInstanceId(String instance, String channel) {
        String id = instance + "-" + channel.replaceAll("[^a-zA-Z0-9._-]", ".");
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("group.instance.id '" + id + "' is longer than Kafka's " + MAX_LENGTH
                    + " characters: shorten positrack.kafka.instance-name");
        }
        return id;
    }

    private static String generatedName() {
        return GENERATED;
    }
}
