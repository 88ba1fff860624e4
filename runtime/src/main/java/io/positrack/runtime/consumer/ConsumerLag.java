package io.positrack.runtime.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.runtime.kafka.KafkaClientSettings;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * Consumer lag per partition, measured from outside the consumer: the topic's end offset minus the group's
 * committed offset, read with an admin client. Unlike the client's own {@code records-lag} metric it is a
 * number whether or not the consumer is fetching, so a stuck consumer shows as a growing lag, never as NaN.
 * Gauge {@code positrack.consumer.lag{topic,partition}}; channels that commit nothing (a disposable cache) are
 * left out.
 */
@ApplicationScoped
public class ConsumerLag {

    private final ConsumedTopics topics;
    private final MeterRegistry registry;
    private final Map<String, Object> kafkaConfig;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile Admin admin;

    public ConsumerLag(ConsumedTopics topics, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.topics = topics;
        this.registry = registry;
        this.kafkaConfig = kafkaConfig;
    }

    @Scheduled(every = "${positrack.consumer.lag-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measure() {
        try {
            for (ConsumedTopics.Channel channel : topics.channels()) {
                if (channel.commits()) {
                    measure(channel);
                }
            }
        } catch (Exception e) {
            // Measuring is best effort: the broker may be away, which is what the other checks report.
            Log.debugf("Consumer lag not measured: %s", e.toString());
        }
    }

    private void measure(ConsumedTopics.Channel channel) throws Exception {
        Admin client = admin();
        var description = client.describeTopics(List.of(channel.topic())).allTopicNames().get(5, TimeUnit.SECONDS)
                .get(channel.topic());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(channel.topic(), p.partition()), OffsetSpec.latest()));
        var ends = client.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(channel.group())
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        ends.forEach((partition, end) -> {
            OffsetAndMetadata done = committed.get(partition);
            long lag = Math.max(0, end.offset() - (done == null ? 0 : done.offset()));
            lags.computeIfAbsent(partition, p -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder("positrack.consumer.lag", holder, AtomicLong::get)
                        .description("Records on the partition not yet committed by this service's group")
                        .tags("topic", p.topic(), "partition", Integer.toString(p.partition()))
                        .register(registry);
                return holder;
            }).set(lag);
        });
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(KafkaClientSettings.admin(kafkaConfig));
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "positrack-lag-" + Integer.toHexString(System.identityHashCode(this)));
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
