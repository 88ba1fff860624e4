package io.positrack.runtime.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.runtime.wire.Texts;

/**
 * Which partitions are held by a record that is being retried (a passing fault such as the database being
 * down), since when and why. Only the pipeline writes it; the readiness check reads it. It is about the
 * infrastructure, never about data: a bad record is dead-lettered at once and never holds a partition.
 */
@ApplicationScoped
public class ConsumerStatus {

    /** A partition waiting on one record. */
    public record Stall(long offset, Instant since, String cause) {
    }

    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();

    void retrying(String topic, int partition, long offset, Throwable cause) {
        stalls.compute(topic + "-" + partition, (key, previous) -> previous != null && previous.offset() == offset ? previous
                : new Stall(offset, Instant.now(), Texts.bounded(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 200)));
    }

    void moving(String topic, int partition) {
        stalls.remove(topic + "-" + partition);
    }

    /** Partitions held longer than {@code threshold}, by "topic-partition". */
    public Map<String, Stall> stalledLongerThan(Duration threshold) {
        Instant limit = Instant.now().minus(threshold);
        Map<String, Stall> held = new TreeMap<>();
        stalls.forEach((partition, stall) -> {
            if (stall.since().isBefore(limit)) {
                held.put(partition, stall);
            }
        });
        return held;
    }
}
