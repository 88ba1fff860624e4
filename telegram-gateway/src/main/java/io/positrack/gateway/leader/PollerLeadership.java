package io.positrack.gateway.leader;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.polling.PollerStatus;
import io.positrack.gateway.polling.UpdatePoller;
import io.positrack.runtime.kafka.KafkaClientSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Elects the one instance that may call {@code getUpdates}: every instance joins consumer group
 * {@code <group>-<botId>} on a topic with exactly one partition, and the member the broker assigns that
 * partition polls. The broker guarantees one owner per generation; a killed owner is dropped after the session
 * timeout and a standby gets the partition. The sticky cooperative assignor leaves the partition where it is
 * when a standby joins, so a new replica never interrupts the running poller. Nothing is ever written to or
 * read from the topic; the consumer only keeps its membership alive.
 */
@ApplicationScoped
public class PollerLeadership {

    private final GatewayConfig config;
    private final BotApiClient api;
    private final UpdatePoller poller;
    private final PollerStatus status;
    private final Map<String, Object> kafkaConfig;
    private final String instance;
    private final Set<TopicPartition> owned = new HashSet<>();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public PollerLeadership(GatewayConfig config, BotApiClient api, UpdatePoller poller, PollerStatus status,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.uuid") String uuid) {
        this.config = config;
        this.api = api;
        this.poller = poller;
        this.status = status;
        this.kafkaConfig = kafkaConfig;
        this.instance = uuid.substring(0, 8);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() != GatewayConfig.Mode.POLLING || !api.configured()) {
            return;
        }
        status.role(PollerStatus.Role.STANDBY);
        running = true;
        thread = new Thread(this::run, "telegram-poller-leadership");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poller.stop();
    }

    public String group() {
        return config.leadership().group() + "-" + api.botId();
    }

    private void run() {
        String topic = config.leadership().topic();
        while (running) {
            try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(properties())) {
                consumer = member;
                member.subscribe(List.of(topic), new Listener());
                Log.infof("Joined the poller election (topic %s, group %s)", topic, group());
                boolean warned = false;
                long joinedAt = System.nanoTime();
                while (running) {
                    member.poll(Duration.ofMillis(500));
                    if (!warned && owned.isEmpty() && System.nanoTime() - joinedAt > Duration.ofSeconds(30).toNanos()
                            && member.partitionsFor(topic).isEmpty()) {
                        Log.errorf("Topic %s does not exist: no instance can become the poller; create it with one partition", topic);
                        warned = true;
                    }
                }
            } catch (WakeupException e) {
                // Shutting down.
            } catch (RuntimeException e) {
                // Without a broker we cannot know whether we still lead: stop polling, then rejoin.
                Log.warnf("Poller election failed (%s); standing by and rejoining", e.getClass().getSimpleName());
                lost(List.copyOf(owned));
                pause();
            } finally {
                consumer = null;
            }
        }
        lost(List.copyOf(owned));
    }

    private Properties properties() {
        // The service's listener, credentials and trust store, as the channels have them.
        Properties p = KafkaClientSettings.consumer(kafkaConfig);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "telegram-poller-" + instance);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(config.leadership().sessionTimeout().toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(config.leadership().heartbeat().toMillis()));
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return p;
    }

    private synchronized void gained(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        if (!owned.isEmpty()) {
            poller.start();
        }
    }

    private synchronized void lost(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        if (owned.isEmpty()) {
            poller.stop();
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Runs on the election thread, inside poll(): revocation stops polling before the partition moves on. */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            gained(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            lost(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lost(partitions);
        }
    }
}
