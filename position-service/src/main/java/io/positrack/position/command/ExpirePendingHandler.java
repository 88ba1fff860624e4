package io.positrack.position.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand.ExpirePending;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.VenueAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Rolls back a position whose entry has not filled; a filled one is not expirable. */
@ApplicationScoped
public class ExpirePendingHandler {

    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final Results results;
    private final Clock clock;

    public ExpirePendingHandler(PositionRepository positions, TransitionWriter transitions, Results results, Clock clock) {
        this.positions = positions;
        this.transitions = transitions;
        this.results = results;
        this.clock = clock;
    }

    public Uni<Handled> handle(SqlClient client, ExpirePending command) {
        return positions.findOpenForUpdate(client, command.account(), command.venue(), command.symbol()).flatMap(found -> {
            if (found.isEmpty()) {
                return answer(command, Outcome.NOT_FOUND, "No open %s position".formatted(command.symbol()), null);
            }
            PositionSnapshot p = found.get();
            if (p.status() != PositionStatus.PENDING_ENTRY && p.status() != PositionStatus.ENTRY_PLACED) {
                return answer(command, Outcome.NOT_EXPIRABLE, "Position #%d has filled; it does not expire".formatted(p.id()), p);
            }
            PositionSnapshot next = PositionChange.of(p).status(PositionStatus.ROLLED_BACK)
                    .closed(null, null, "EXPIRED", clock.now()).next(clock.now());
            return transitions.transition(client, p, next, PositionEventType.PositionRolledBack, command.commandId())
                    .map(rolledBack -> new Handled(results.of(command, Outcome.EXPIRED,
                            "Position #%d expired before its entry filled".formatted(p.id()), rolledBack),
                            List.of(new VenueAction.Cancel(p.venue(), p.account(), p.symbol(), p.entryOrderId()))));
        });
    }

    private Uni<Handled> answer(ExpirePending command, Outcome outcome, String message, PositionSnapshot p) {
        return Uni.createFrom().item(Handled.answer(results.of(command, outcome, message, p)));
    }
}
