package io.positrack.position.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN until every venue was reconciled once; venues and accounts failing since are named in its data. */
@Readiness
@ApplicationScoped
public class ReconciliationReadiness implements HealthCheck {

    private final TradingGate gate;
    private final Reconciler reconciler;

    public ReconciliationReadiness(TradingGate gate, Reconciler reconciler) {
        this.gate = gate;
        this.reconciler = reconciler;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("reconciliation").status(gate.open())
                .withData("firstReconciliation", gate.firstReconciliationDone() ? "succeeded" : "pending");
        // A venue or account that failed its last run holds back only its own trading: named here, not DOWN.
        reconciler.failures().forEach((what, why) -> response.withData("failing " + what, why));
        return response.build();
    }
}
