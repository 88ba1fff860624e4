package io.positrack.runtime.consumer;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names every partition whose consumer has been retrying one record (a passing fault) for longer
 * than {@code positrack.consumer.stall-report-after}, with the offset, the time and the cause. Readiness, not
 * liveness: a restart would not bring the database back, and no record can cause this (bad records are
 * dead-lettered at once).
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final ConsumerStatus status;
    private final ConsumerLimits limits;

    public ConsumerReadiness(ConsumerStatus status, ConsumerLimits limits) {
        this.status = status;
        this.limits = limits;
    }

    @Override
    public HealthCheckResponse call() {
        var stalled = status.stalledLongerThan(limits.stallReportAfter());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("positrack-consumers").status(stalled.isEmpty());
        stalled.forEach((partition, stall) -> response.withData(partition, "retrying offset %d for %d s: %s".formatted(
                stall.offset(), Duration.between(stall.since(), Instant.now()).toSeconds(), stall.cause())));
        return response.build();
    }
}
