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

/**
 * A plain Kafka consumer, outside every service, that records everything on one topic from the
 * beginning: what an external consumer of Positrack's topics would see. Shared by every module's tests.
 */
public final class TopicRecorder implements AutoCloseable {

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private TopicRecorder(String bootstrap, String topic) {
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
                    consumer.poll(Duration.ofMillis(50)).forEach(records::add);
                }
            }
        }, "recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    public static TopicRecorder start(String bootstrap, String topic) {
        return new TopicRecorder(bootstrap, topic);
    }

    public List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        return records.stream().filter(filter).toList();
    }

    /** Records whose value mentions {@code text} (a cheap pre-filter before parsing). */
    public List<ConsumerRecord<String, String>> containing(String text) {
        return matching(r -> r.value() != null && r.value().contains(text));
    }

    /** Everything recorded so far, per partition in offset order. */
    public List<ConsumerRecord<String, String>> all() {
        return List.copyOf(records);
    }

    public int size() {
        return records.size();
    }

    @Override
    public void close() {
        running = false;
    }
}
