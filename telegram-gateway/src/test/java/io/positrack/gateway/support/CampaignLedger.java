package io.positrack.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.positrack.contracts.Topics;
import io.positrack.infra.fuzz.DeadLetter;
import io.positrack.infra.fuzz.DeadLetterReader;
import io.positrack.infra.fuzz.HostileRecords;

/**
 * What a hostile campaign against the gateway left on the dead-letter topics: the gateway's letters for records the
 * campaign sent after this ledger was opened (origin offsets at or past the input topic's end offsets then), per key.
 */
public final class CampaignLedger implements AutoCloseable {

    public static final String SERVICE = "telegram-gateway";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final HostileRecords generator;
    private final KafkaConsumer<byte[], byte[]> offsets;
    private final Map<TopicPartition, Long> inputStart = new HashMap<>();
    private final Map<String, Long> deadLettersAtStart = new HashMap<>();

    public CampaignLedger(String bootstrap, HostileRecords generator, List<String> topics) {
        this.bootstrap = bootstrap;
        this.generator = generator;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.offsets = new KafkaConsumer<>(p);
        for (String topic : topics) {
            inputStart.putAll(endOffsets(topic));
            deadLettersAtStart.put(topic, total(Topics.dlq(topic)));
        }
    }

    /** Records on {@code <topic>-dlq} since the ledger was opened, from any service: cheap, for waiting. */
    public long deadLettersSince(String topic) {
        return total(Topics.dlq(topic)) - deadLettersAtStart.get(topic);
    }

    /** This campaign's records on the topic dead-lettered by the gateway, by key; keys of other runs are left out. */
    public Map<String, List<DeadLetter>> byKey(String topic) {
        List<DeadLetter> ours = DeadLetterReader.readFor(bootstrap, topic, READ_TIMEOUT).stream()
                .filter(l -> SERVICE.equals(l.service()) && topic.equals(l.origin().topic()))
                .filter(l -> l.origin().offset() >= inputStart.getOrDefault(new TopicPartition(topic, (int) l.origin().partition()), 0L))
                .filter(l -> generator.indexOf(l.key()) >= 0)
                .toList();
        return DeadLetterReader.byKey(ours);
    }

    /** The indexes in {@code [from, to)} without any dead letter, each with what the record was. */
    public List<String> missing(String topic, Map<String, List<DeadLetter>> byKey, int from, int to) {
        List<String> missing = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!byKey.containsKey(generator.key(i))) {
                missing.add(generator.record(topic, i).toString());
            }
        }
        return missing;
    }

    /** Letters without a reason, or naming another origin topic: a letter must say why and where. */
    public static List<DeadLetter> withoutReason(Map<String, List<DeadLetter>> byKey) {
        return byKey.values().stream().flatMap(List::stream).filter(l -> l.reason() == null || l.reason().isBlank()).toList();
    }

    /** Keys dead-lettered more than once, with their count. */
    public static Map<String, Integer> duplicates(Map<String, List<DeadLetter>> byKey) {
        return byKey.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
    }

    /** Letters per reason code, for the note. */
    public static Map<String, Long> reasonCodes(Map<String, List<DeadLetter>> byKey) {
        return byKey.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(l -> String.valueOf(l.headers().get("dead-letter-reason-code")), TreeMap::new,
                        Collectors.counting()));
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = offsets.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        return offsets.endOffsets(partitions, READ_TIMEOUT);
    }

    private long total(String topic) {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        offsets.close();
    }
}
