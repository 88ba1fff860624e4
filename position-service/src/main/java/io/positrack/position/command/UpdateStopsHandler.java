package io.positrack.position.command;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand.UpdateStops;
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

/** Moves the stops of the open position; on an active position the protective orders are replaced. */
@ApplicationScoped
public class UpdateStopsHandler {

    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final Results results;
    private final Clock clock;

    public UpdateStopsHandler(PositionRepository positions, TransitionWriter transitions, Results results, Clock clock) {
        this.positions = positions;
        this.transitions = transitions;
        this.results = results;
        this.clock = clock;
    }

    /** Applies the stops rounded to the venue's tick towards the market, as an entry's are ({@code SymbolRules}). */
    public Uni<Handled> handle(SqlClient client, UpdateStops command, io.positrack.position.venue.rules.SymbolRules rules) {
        return positions.findOpenForUpdate(client, command.account(), command.venue(), command.symbol()).flatMap(found -> {
            if (found.isEmpty()) {
                return answer(command, Outcome.NOT_FOUND, "No open %s position".formatted(command.symbol()), null);
            }
            PositionSnapshot p = found.get();
            if (p.status() == PositionStatus.CLOSING) {
                return answer(command, Outcome.ALREADY_CLOSING, "Position #%d is closing".formatted(p.id()), p);
            }
            var stopLoss = command.stopLoss() != null ? rules.roundStopLoss(p.side(), command.stopLoss()) : p.stopLoss();
            var takeProfit = command.takeProfit() != null ? rules.roundTakeProfit(p.side(), command.takeProfit()) : p.takeProfit();
            var crossed = io.positrack.runtime.rules.StopSides.problem(p.side(), stopLoss, takeProfit);
            var crossedAsAsked = io.positrack.runtime.rules.StopSides.problem(p.side(),
                    command.stopLoss() != null ? command.stopLoss() : p.stopLoss(),
                    command.takeProfit() != null ? command.takeProfit() : p.takeProfit());
            if (crossed.isPresent() && crossedAsAsked.isEmpty()) {
                // Rounding made them meet (within one tick): the venue's grid cannot hold both.
                return answer(command, Outcome.REJECTED_EXCHANGE_RULES, "Refused by the rules of %s: rounded to the tick %s, %s; the stops are unchanged"
                        .formatted(command.venue(), rules.tickSize().toPlainString(), crossed.get()), p);
            }
            PositionSnapshot next = PositionChange.of(p).stops(stopLoss, takeProfit).next(clock.now());
            return transitions.transition(client, p, next, PositionEventType.PositionStopsUpdated, command.commandId())
                    .map(updated -> {
                        List<VenueAction> actions = new ArrayList<>();
                        // Protection exists (or is being placed) once the entry has filled; before that the
                        // new stops are simply used when it fills.
                        if (updated.status() == PositionStatus.ACTIVE || updated.status() == PositionStatus.PENDING_SL) {
                            actions.addAll(ProtectiveOrders.replace(updated));
                        }
                        return new Handled(results.of(command, Outcome.STOPS_UPDATED,
                                "Stops of position #%d updated".formatted(p.id()), updated), actions);
                    });
        });
    }

    private Uni<Handled> answer(UpdateStops command, Outcome outcome, String message, PositionSnapshot p) {
        return Uni.createFrom().item(Handled.answer(results.of(command, outcome, message, p)));
    }
}
