package io.positrack.infra.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.positrack.contracts.Topics;

/**
 * Reads a dead-letter topic from the beginning up to its end offsets as of the call: everything committed
 * before, nothing after. No consumer group, so reading changes nothing for anyone.
 */
public final class DeadLetterReader {

    private DeadLetterReader() {
    }

    /** Every dead letter of an input topic ({@code <topic>-dlq}). */
    public static List<DeadLetter> readFor(String bootstrapServers, String inputTopic, Duration timeout) {
        return readAll(bootstrapServers, Topics.dlq(inputTopic), timeout);
    }

    /**
     * Every committed record of the topic, per partition in offset order.
     *
     * @throws IllegalStateException when the end offsets were not reached within the timeout
     */
    public static List<DeadLetter> readAll(String bootstrapServers, String topic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A dead letter written in a transaction that aborted was never a dead letter.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(FuzzLimits.BROKER_MAX_MESSAGE_BYTES));
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " up to " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(toDeadLetter(r));
                }
            }
        }
        return letters;
    }

    /** Dead letters by (service, topic, partition, offset): "exactly once per consuming service" is every list of size 1. */
    public static Map<DeadLetter.Origin, List<DeadLetter>> byOrigin(List<DeadLetter> letters) {
        return letters.stream().collect(Collectors.groupingBy(DeadLetter::origin, LinkedHashMap::new, Collectors.toList()));
    }

    /** The origins dead-lettered more than once, with their copies. */
    public static Map<DeadLetter.Origin, List<DeadLetter>> duplicates(List<DeadLetter> letters) {
        return byOrigin(letters).entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Dead letters by record key, e.g. to find a generator's records by {@link HostileRecords#indexOf(String)}. */
    public static Map<String, List<DeadLetter>> byKey(List<DeadLetter> letters) {
        return letters.stream().filter(l -> l.key() != null)
                .collect(Collectors.groupingBy(DeadLetter::key, LinkedHashMap::new, Collectors.toList()));
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            // Later headers of the same name replace earlier ones: the last one is the consumer's own.
            headers.remove(h.key());
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        return new DeadLetter(r.topic(), r.partition(), r.offset(), key, r.value(), Collections.unmodifiableMap(headers));
    }
}
