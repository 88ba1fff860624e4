package io.positrack.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What the test infrastructure asks of a broker through the admin API, whether the broker runs in this JVM
 * ({@link KafkaNode}) or in a process of its own ({@link KafkaProcess}): one home for topic creation and for the
 * readiness probe.
 */
final class BrokerAdmin {

    private BrokerAdmin() {
    }

    /** Creates the topics that do not exist yet, all with the same partition count. */
    static void createTopics(String bootstrapServers, Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(config(bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, partitions, (short) 1))
                    .toList();
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + names, e);
        }
    }

    /** Partition count of each named topic, as the broker reports it. */
    static Map<String, Integer> partitionCounts(String bootstrapServers, Collection<String> names) {
        try (Admin admin = Admin.create(config(bootstrapServers))) {
            return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe topics " + names, e);
        }
    }

    /**
     * Waits until the broker answers a cluster description with a controller, or {@code gaveUp} says to stop (its
     * process died). Each attempt blocks for at most a second on the admin call itself, so the loop polls without
     * sleeping.
     */
    static void awaitReady(String bootstrapServers, Duration within, BooleanSupplier gaveUp) {
        Instant deadline = Instant.now().plus(within);
        Properties props = config(bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin admin = Admin.create(props)) {
            Exception last = null;
            while (Instant.now().isBefore(deadline)) {
                if (gaveUp.getAsBoolean()) {
                    throw new IllegalStateException("The broker at " + bootstrapServers + " exited before it was ready");
                }
                try {
                    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000));
                    if (cluster.controller().get(2, TimeUnit.SECONDS) != null
                            && !cluster.nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the broker", e);
                } catch (Exception e) {
                    last = e;
                }
            }
            throw new IllegalStateException("The broker at " + bootstrapServers + " was not ready within " + within, last);
        }
    }

    private static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
