package io.positrack.runtime.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pipeline's counters, one set per consumed topic: {@code positrack.consumer.records{topic,outcome}},
 * {@code positrack.consumer.retries{topic}} and {@code positrack.dead_letters{topic,reason}}. Registered at
 * zero for every topic the service consumes, so an alert on "dead letters > 0" sees the series from the start.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // the series exist, at zero, before the first record
public class ConsumerMetrics {

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry, ConsumedTopics topics) {
        this.registry = registry;
        for (String topic : topics.topics()) {
            for (String outcome : new String[] { "applied", "skipped", "dead_lettered" }) {
                registry.counter("positrack.consumer.records", "topic", topic, "outcome", outcome);
            }
            registry.counter("positrack.consumer.retries", "topic", topic);
            for (Refusal.Code code : Refusal.Code.values()) {
                registry.counter("positrack.dead_letters", "topic", topic, "reason", code.tag());
            }
        }
    }

    void applied(String topic) {
        registry.counter("positrack.consumer.records", "topic", topic, "outcome", "applied").increment();
    }

    void skipped(String topic) {
        registry.counter("positrack.consumer.records", "topic", topic, "outcome", "skipped").increment();
    }

    void retried(String topic) {
        registry.counter("positrack.consumer.retries", "topic", topic).increment();
    }

    void deadLettered(String topic, Refusal.Code code) {
        registry.counter("positrack.consumer.records", "topic", topic, "outcome", "dead_lettered").increment();
        registry.counter("positrack.dead_letters", "topic", topic, "reason", code.tag()).increment();
    }
}
