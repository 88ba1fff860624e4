package io.positrack.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.polling.PollerStatus;

/**
 * Shows how this instance receives updates: {@code role} leader, standby or webhook, and the last getUpdates
 * conflict. Always UP: a standby is healthy, and a conflict is backed off, not a reason to restart (a
 * restart loop is exactly what makes conflicts worse).
 */
@Readiness
@ApplicationScoped
public class TelegramHealthCheck implements HealthCheck {

    private final PollerStatus status;
    private final GatewayConfig config;

    public TelegramHealthCheck(PollerStatus status, GatewayConfig config) {
        this.status = status;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("telegram").up()
                .withData("mode", config.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withData("role", status.role().name().toLowerCase(java.util.Locale.ROOT))
                .withData("conflicts", status.conflicts());
        if (status.lastConflictAt() != null) {
            builder.withData("lastConflictAt", status.lastConflictAt().toString())
                    .withData("lastConflict", status.lastConflict());
        }
        if (status.lastPollAt() != null) {
            builder.withData("lastPollAt", status.lastPollAt().toString());
        }
        if (status.lastError() != null) {
            builder.withData("lastError", status.lastError());
        }
        return builder.build();
    }
}
