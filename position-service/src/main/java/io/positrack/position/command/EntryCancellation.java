package io.positrack.position.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.VenueAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Ends a position whose entry has not filled, without racing the venue.
 *
 * <p>Marking the position ROLLED_BACK at once would be wrong: the entry may fill on the venue while the
 * cancel is on its way, leaving a venue position that the database has forgotten (an orphan, and later an
 * exit that cannot reduce anything). So a close or expiry only records the request (a
 * {@code PositionCancelRequested} event with the reason) and asks the venue to cancel. The venue decides:
 * CANCELED rolls the position back; FILLED closes it at once with an exit order.
 */
@ApplicationScoped
public class EntryCancellation {

    private final TransitionWriter transitions;
    private final Results results;
    private final Clock clock;

    public EntryCancellation(TransitionWriter transitions, Results results, Clock clock) {
        this.transitions = transitions;
        this.results = results;
        this.clock = clock;
    }

    /** True when a cancel of this position's entry was already requested. */
    public static boolean requested(PositionSnapshot p) {
        return (p.status() == PositionStatus.PENDING_ENTRY || p.status() == PositionStatus.ENTRY_PLACED) && p.closeReason() != null;
    }

    /**
     * Requests the cancel; {@code outcome} and {@code message} answer the command. A repeated request
     * changes nothing and is answered ALREADY_CLOSING.
     */
    public Uni<Handled> request(SqlClient client, PositionCommand command, PositionSnapshot p, String reason, Outcome outcome,
            String message) {
        if (requested(p)) {
            return Uni.createFrom().item(Handled.answer(results.of(command, Outcome.ALREADY_CLOSING,
                    "Position #%d is already being cancelled (%s)".formatted(p.id(), p.closeReason()), p)));
        }
        PositionSnapshot next = PositionChange.of(p).cancelRequested(reason).next(clock.now());
        return transitions.transition(client, p, next, PositionEventType.PositionCancelRequested, command.commandId())
                .map(written -> {
                    CommandResult result = results.of(command, outcome, message, written);
                    return new Handled(result, List.of(new VenueAction.Cancel(p.venue(), p.account(), p.symbol(), p.entryOrderId())));
                });
    }
}
