package io.positrack.position.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.position.support.PositionTestClient;

/**
 * Matches what comes back on {@code command-results} and {@code position-events} to the commands the generator
 * sent, and records each latency from the command's intended send time into the histograms of the phase that
 * sent it. One reader thread per topic, each with a plain consumer over every partition, started at the end of
 * the topics before the first command.
 */
final class LatencyRecorder implements AutoCloseable {

    private final Map<String, Expected> awaitingResult = new ConcurrentHashMap<>();
    private final Map<String, Expected> awaitingEvent = new ConcurrentHashMap<>();
    private final List<Thread> readers;
    private volatile boolean reading = true;

    /** A command sent and not yet answered on a topic: when it was meant to leave, and whose figures it counts in. */
    private record Expected(long intendedNanos, Phase phase) {
    }

    LatencyRecorder(String bootstrap) {
        readers = List.of(reader(bootstrap, Topics.COMMAND_RESULTS, true), reader(bootstrap, Topics.POSITION_EVENTS, false));
    }

    /** Called before the command is handed to the producer, so that even an instant answer finds it. */
    void expect(String commandId, long intendedNanos, Phase phase) {
        Expected expected = new Expected(intendedNanos, phase);
        phase.expected();
        awaitingResult.put(commandId, expected);
        awaitingEvent.put(commandId, expected);
    }

    /**
     * Waits until every command of the phase has its result and its event, or until {@code within} has passed; what
     * is still unanswered then is recorded at the deadline (so its latency is a lower bound) and counted as such.
     */
    void drain(Phase phase, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!phase.answered() && System.nanoTime() < deadline) {
            // Answers arrive on the reader threads; a 10 ms poll costs nothing beside a drain of seconds.
            Thread.sleep(10);
        }
        long now = System.nanoTime();
        awaitingResult.entrySet().removeIf(e -> e.getValue().phase() == phase && phase.unansweredResult(now - e.getValue().intendedNanos()));
        awaitingEvent.entrySet().removeIf(e -> e.getValue().phase() == phase && phase.unansweredEvent(now - e.getValue().intendedNanos()));
    }

    private Thread reader(String bootstrap, String topic, boolean results) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // Fetch as soon as anything is there: the reader's own wait must not show up as the service's latency.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any command is sent.
        partitions.forEach(consumer::position);
        Map<String, Expected> awaiting = results ? awaitingResult : awaitingEvent;
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (reading) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        long arrived = System.nanoTime();
                        String id = results ? PositionTestClient.read(r.value(), CommandResult.class).commandId()
                                : PositionTestClient.read(r.value(), PositionEvent.class).cause();
                        // Only the first event a command causes is its command → event latency; later ones find nothing.
                        Expected expected = id == null ? null : awaiting.remove(id);
                        if (expected != null && results) {
                            expected.phase().result(arrived, arrived - expected.intendedNanos());
                        } else if (expected != null) {
                            expected.phase().event(arrived - expected.intendedNanos());
                        }
                    }
                }
            }
        }, "latency-" + topic);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        reading = false;
        for (Thread reader : readers) {
            reader.join(5_000);
        }
    }
}
