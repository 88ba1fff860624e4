package io.positrack.position.hostile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.positrack.infra.fuzz.DeadLetter;
import io.positrack.infra.fuzz.DeadLetterReader;
import io.positrack.infra.fuzz.HostileRecords;

/**
 * The dead letters position-service wrote for the records 0..count-1 one campaign sent to one topic, by record
 * index, and what is wrong with them. Letters of other services, of other keys and of records below the offsets
 * the campaign started from (an earlier run on a kept broker) are not the campaign's and are left out.
 */
record CampaignLetters(String topic, HostileRecords generator, int count, Map<Integer, List<DeadLetter>> byIndex) {

    static final String SERVICE = "position-service";

    static CampaignLetters read(String bootstrap, HostileRecords generator, String topic, int count, Map<Integer, Long> startOffsets) {
        Map<Integer, List<DeadLetter>> byIndex = new TreeMap<>();
        for (DeadLetter letter : DeadLetterReader.readFor(bootstrap, topic, Duration.ofSeconds(60))) {
            int index = generator.indexOf(letter.key());
            DeadLetter.Origin origin = letter.origin();
            if (index < 0 || index >= count || !SERVICE.equals(letter.service())
                    || origin.offset() < startOffsets.getOrDefault((int) origin.partition(), 0L)) {
                continue;
            }
            byIndex.computeIfAbsent(index, i -> new ArrayList<>()).add(letter);
        }
        return new CampaignLetters(topic, generator, count, byIndex);
    }

    /** The end offset of every partition of a topic: where records sent from now on will be. */
    static Map<Integer, Long> endOffsets(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        }
    }

    /** Records that have at least one letter. */
    int lettered() {
        return byIndex.size();
    }

    /** Letters beyond the first of each record (redeliveries after a kill). */
    int duplicateLetters() {
        return byIndex.values().stream().mapToInt(l -> l.size() - 1).sum();
    }

    /** The records without a letter, described, at most {@code limit} of them. */
    List<String> missing(int limit) {
        return IntStream.range(0, count).filter(i -> !byIndex.containsKey(i)).limit(limit)
                .mapToObj(i -> generator.record(topic, i).toString()).toList();
    }

    int missingCount() {
        return count - byIndex.size();
    }

    /** Records with more than one letter. */
    Map<Integer, List<DeadLetter>> duplicates() {
        return byIndex.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Records whose letters name different origins: two records under one key, which the campaign never sends. */
    Map<Integer, List<DeadLetter>> ofDifferentOrigins() {
        return byIndex.entrySet().stream().filter(e -> e.getValue().stream().map(DeadLetter::origin).distinct().count() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Letters without a reason, or that say they come from another topic. */
    List<DeadLetter> unexplained() {
        return byIndex.values().stream().flatMap(List::stream)
                .filter(l -> l.reason() == null || l.reason().isBlank() || !topic.equals(l.origin().topic())).toList();
    }

    /**
     * Whether the record at this partition and offset of the topic was dead-lettered by a letter at or after the
     * dead-letter topic's offsets {@code lettersFrom} (per partition of the dead-letter topic).
     */
    boolean letteredAt(int partition, long offset, Map<Integer, Long> lettersFrom) {
        return byIndex.values().stream().flatMap(List::stream)
                .anyMatch(l -> l.origin().partition() == partition && l.origin().offset() == offset
                        && l.offset() >= lettersFrom.getOrDefault(l.partition(), 0L));
    }
}
