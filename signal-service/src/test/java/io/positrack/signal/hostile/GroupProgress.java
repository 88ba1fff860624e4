package io.positrack.signal.hostile;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where signal-service's consumer group stands on its input topics, read with an admin client: a record is done
 * (applied, or its dead letter acknowledged) once the group's committed offset is past it.
 */
final class GroupProgress implements AutoCloseable {

    static final String GROUP = "signal-service";

    private final Admin admin;

    GroupProgress(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
    }

    /** The end offset of every partition of the topic, now. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("end offsets of " + topic, e.getCause());
        }
    }

    /** The group's committed offset per partition; a partition it never committed on is 0. */
    Map<TopicPartition, Long> committed(Iterable<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> committed = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = offsets.get(tp);
                committed.put(tp, o == null ? 0L : o.offset());
            }
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("offsets of group " + GROUP, e.getCause());
        }
    }

    /** Whether the group has committed up to {@code end} on every partition of it. */
    boolean reached(Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> committed = committed(end.keySet());
        return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        admin.close();
    }
}
