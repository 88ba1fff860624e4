package io.positrack.position.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.position.config.PositionConfig;
import io.smallrye.mutiny.Uni;

/**
 * Trading for an account on a venue waits for that venue's reconciliation: until the service has compared its
 * database with the venue for the account, it does not know what it holds there, so it must not open or close
 * anything. One venue or account that fails to reconcile holds back only its own trades. Read commands pass.
 * Readiness is DOWN until every venue was reconciled once, so a rolling update keeps the old pod serving. Start
 * order of the services does not matter: a command that arrives early waits in its partition (the consumer's
 * unprocessed-record age check is off, so waiting never fails the channel).
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

    /** Completes at once for read commands or an open gate; else when the command's venue and account are reconciled. */
    public Uni<Void> admit(PositionCommand command) {
        String venue = command.trades() ? command.venue() : null;
        if (!enabled || venue == null || reconciler.readyFor(venue, command.account())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(reconciler.whenReadyFor(venue, command.account()));
    }


    public boolean firstReconciliationDone() {
        return reconciler.ready();
    }
}
