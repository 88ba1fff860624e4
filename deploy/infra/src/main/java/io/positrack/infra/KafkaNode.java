package io.positrack.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import org.jboss.logging.Logger;

import io.positrack.infra.fuzz.FuzzLimits;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) running inside this JVM on
 * free ports. It is the same broker code a production cluster runs; only the process layout differs.
 */
public final class KafkaNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaNode.class);
    // A stable cluster id lets a persistent data directory be reused across restarts of the local run.
    private static final String PERSISTENT_CLUSTER_ID = "positrack-local-cluster";

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;

    private KafkaNode(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        // Clients want host:port pairs; the broker reports listeners as PROTOCOL://host:port.
        this.bootstrapServers = broker.getAdvertisedListeners().replaceAll("[A-Za-z_]+://", "");
    }

    /**
     * Starts a broker. With a data directory its log survives a restart; without one it lives in a
     * temporary directory deleted on close.
     */
    public static KafkaNode start(java.util.Optional<Path> dataDirectory) {
        return start(dataDirectory, 0, 0);
    }

    /**
     * Starts a broker on the given client and controller ports (0: free ones). {@link KafkaProcess} passes the ports
     * of the first start again on a restart, so that clients reconnect to the address they already know.
     */
    public static KafkaNode start(java.util.Optional<Path> dataDirectory, int kafkaPort, int controllerPort) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withAdditionalProperties(p -> {
                    // Single node: internal topics cannot have more replicas than brokers.
                    p.put("offsets.topic.replication.factor", "1");
                    p.put("transaction.state.log.replication.factor", "1");
                    p.put("transaction.state.log.min.isr", "1");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("auto.create.topics.enable", "false");
                    // A node killed with SIGKILL is still registered when it comes back; the controller lets the new
                    // incarnation in only once the old one's session has expired (9 s by default). Short, so that a
                    // restart after kill -9 (KafkaProcess) is not mostly waiting.
                    p.put("broker.session.timeout.ms", "3000");
                    p.put("broker.heartbeat.interval.ms", "500");
                    // Hostile-input campaigns send values up to 2 MiB, and their dead letters may double in size
                    // (see FuzzLimits); topics inherit the broker's limit as their max.message.bytes.
                    p.put("message.max.bytes", Integer.toString(FuzzLimits.BROKER_MAX_MESSAGE_BYTES));
                    p.put("replica.fetch.max.bytes", Integer.toString(FuzzLimits.BROKER_MAX_MESSAGE_BYTES));
                    dataDirectory.ifPresent(dir -> p.put("log.dir", dir.resolve("kafka").toString()));
                });
        if (dataDirectory.isPresent()) {
            try {
                Files.createDirectories(dataDirectory.get().resolve("kafka"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            broker.withClusterId(PERSISTENT_CLUSTER_ID).withDeleteLogDirsOnClose(false);
        }
        broker.start();
        KafkaNode node = new KafkaNode(broker);
        LOG.infof("Kafka broker ready at %s", node.bootstrapServers());
        return node;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet, all with the same partition count. */
    public void createTopics(Collection<String> names, int partitions) {
        BrokerAdmin.createTopics(bootstrapServers, names, partitions);
    }

    /** Partition count of each named topic, as the broker reports it. */
    public Map<String, Integer> partitionCounts(Collection<String> names) {
        return BrokerAdmin.partitionCounts(bootstrapServers, names);
    }

    @Override
    public void close() {
        broker.close();
    }
}
