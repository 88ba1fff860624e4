package io.positrack.position.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.position.config.PositionConfig;
import io.smallrye.mutiny.Uni;

/**
 * Trading waits for the first successful reconciliation: until the service has compared its database
 * with every venue, it does not know what it holds, so it must not open or close anything. Read commands
 * pass. Readiness is DOWN until then, so a rolling update keeps the old pod serving. Start order of the
 * services does not matter: a command that arrives early simply waits in its partition.
 */
@ApplicationScoped
public class TradingGate {

    private final Reconciler reconciler;
    private final boolean enabled;

    public TradingGate(Reconciler reconciler, PositionConfig config) {
        this.reconciler = reconciler;
        this.enabled = config.reconciliation().gateTrading();
    }

    public boolean open() {
        return !enabled || reconciler.ready();
    }

    /** Completes at once for read commands or an open gate; else when the first reconciliation succeeds. */
    public Uni<Void> admit(PositionCommand command) {
        if (open() || !trades(command)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(reconciler.firstSuccess());
    }

    static boolean trades(PositionCommand command) {
        return command instanceof PositionCommand.OpenPosition || command instanceof PositionCommand.ClosePosition
                || command instanceof PositionCommand.UpdateStops || command instanceof PositionCommand.ExpirePending;
    }

    public boolean firstReconciliationDone() {
        return reconciler.ready();
    }
}
