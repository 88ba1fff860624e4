package io.positrack.gateway.polling;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What health and metrics show about receiving: the role of this instance, polls, and the last conflict. */
@ApplicationScoped
public class PollerStatus {

    public enum Role {
        /** No token, or polling not started yet. */
        DISCONNECTED,
        STANDBY,
        LEADER,
        WEBHOOK
    }

    private final MeterRegistry registry;
    private final AtomicLong conflicts = new AtomicLong();
    private volatile Role role = Role.DISCONNECTED;
    private volatile Instant lastConflictAt;
    private volatile String lastConflict;
    private volatile Instant lastPollAt;
    private volatile String lastError;

    public PollerStatus(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("positrack.telegram.poller.leader", this, s -> s.role == Role.LEADER ? 1 : 0)
                .description("1 while this instance is the one Telegram poller").register(registry);
    }

    public void role(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    void polled(int updates) {
        lastPollAt = Instant.now();
        lastError = null;
        registry.counter("positrack.telegram.getupdates.calls", "outcome", "ok").increment();
    }

    void conflict(String description) {
        conflicts.incrementAndGet();
        lastConflictAt = Instant.now();
        lastConflict = description;
        registry.counter("positrack.telegram.getupdates.calls", "outcome", "conflict").increment();
        registry.counter("positrack.telegram.getupdates.conflicts").increment();
    }

    void failed(String safeDescription) {
        lastError = safeDescription;
        registry.counter("positrack.telegram.getupdates.calls", "outcome", "error").increment();
    }

    public long conflicts() {
        return conflicts.get();
    }

    public Instant lastConflictAt() {
        return lastConflictAt;
    }

    public String lastConflict() {
        return lastConflict;
    }

    public Instant lastPollAt() {
        return lastPollAt;
    }

    public String lastError() {
        return lastError;
    }
}
