package io.positrack.position.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while the {@link TradingGate} holds trading back (before the first reconciliation). */
@Readiness
@ApplicationScoped
public class ReconciliationReadiness implements HealthCheck {

    private final TradingGate gate;

    public ReconciliationReadiness(TradingGate gate) {
        this.gate = gate;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reconciliation").status(gate.open())
                .withData("firstReconciliation", gate.firstReconciliationDone() ? "succeeded" : "pending").build();
    }
}
