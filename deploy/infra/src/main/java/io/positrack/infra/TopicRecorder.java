package io.positrack.infra;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.positrack.infra.contract.ContractCheck;
import io.positrack.infra.contract.RecordViolation;

/**
 * A plain Kafka consumer, outside every service, that records everything on one topic from the
 * beginning: what an external consumer of Positrack's topics would see. Shared by every module's tests.
 *
 * <p>It also holds every record of Positrack's own producers it sees to the record's contract (the AsyncAPI document
 * and JSON Schemas in the contracts module; which records are ours: {@link ContractCheck}). A record is checked
 * before it becomes readable, and once one has broken its contract every read of this recorder ({@link #matching},
 * {@link #containing}, {@link #all}, {@link #size}) throws an {@link AssertionError} naming the topic, partition,
 * offset and JSON pointer of each problem. Tests wait for what they expect by reading a recorder, so the test that
 * is waiting when the record arrives fails, and every later one that reads the topic: a broken contract cannot pass
 * unnoticed, and a test that reads nothing after its last record still fails the next reader.
 */
public final class TopicRecorder implements AutoCloseable {

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final ContractCheck contract;
    private volatile boolean running = true;

    private TopicRecorder(String bootstrap, String topic, ContractCheck.Scope scope) {
        this.contract = new ContractCheck(scope);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                        contract.check(r);
                        records.add(r);
                    });
                }
            }
        }, "recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Records a topic that tests may write to as well: only dead letters and the records that name one of our
     * services as their CloudEvents source are held to their contract.
     */
    public static TopicRecorder start(String bootstrap, String topic) {
        return new TopicRecorder(bootstrap, topic, ContractCheck.Scope.OURS_BY_SOURCE);
    }

    /**
     * Records an output of the service under test that no test writes to: every record on it is held to its
     * contract, those our producers send without CloudEvents headers too.
     */
    public static TopicRecorder startOutput(String bootstrap, String topic) {
        return new TopicRecorder(bootstrap, topic, ContractCheck.Scope.EVERY_RECORD);
    }

    public List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        contract.assertConforming();
        return records.stream().filter(filter).toList();
    }

    /** Records whose value mentions {@code text} (a cheap pre-filter before parsing). */
    public List<ConsumerRecord<String, String>> containing(String text) {
        return matching(r -> r.value() != null && r.value().contains(text));
    }

    /** Everything recorded so far, per partition in offset order. */
    public List<ConsumerRecord<String, String>> all() {
        contract.assertConforming();
        return List.copyOf(records);
    }

    public int size() {
        contract.assertConforming();
        return records.size();
    }

    /** The records of ours seen so far that broke their contract (empty when all conform); never throws. */
    public List<RecordViolation> violations() {
        return contract.violations();
    }

    /** Fails if a record of ours seen so far broke its contract. */
    public void assertConforming() {
        contract.assertConforming();
    }

    /** How many records were held to their contract, and how many were left alone as a test's own. */
    public long checkedRecords() {
        return contract.checked();
    }

    public long uncheckedRecords() {
        return contract.leftAlone();
    }

    @Override
    public void close() {
        running = false;
    }
}
