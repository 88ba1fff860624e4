package io.positrack.position.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand.ClosePosition;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.reconciliation.ExitSizing;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.OrderIntents;
import io.positrack.position.venue.VenueAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Moves ACTIVE to CLOSING exactly once. The row is locked and then updated on (status, version), so
 * of any number of concurrent closes one wins and the others see CLOSING or CLOSED: one exit order,
 * whose client order id (position, attempt) the venue itself would refuse to take twice.
 */
@ApplicationScoped
public class ClosePositionHandler {

    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final Results results;
    private final Clock clock;
    private final EntryCancellation cancellation;
    private final ExitSizing exitSizing;
    private final Counter doubleClosesPrevented;

    public ClosePositionHandler(PositionRepository positions, TransitionWriter transitions, Results results, Clock clock,
            EntryCancellation cancellation, MeterRegistry registry, ExitSizing exitSizing) {
        this.exitSizing = exitSizing;
        this.cancellation = cancellation;
        this.positions = positions;
        this.transitions = transitions;
        this.results = results;
        this.clock = clock;
        this.doubleClosesPrevented = Counter.builder("positrack.positions.double_closes.prevented")
                .description("Close commands answered ALREADY_CLOSING or ALREADY_CLOSED instead of a second exit")
                .register(registry);
    }

    public Uni<Handled> handle(SqlClient client, ClosePosition command) {
        Uni<Optional<PositionSnapshot>> target = command.positionId() != null
                ? positions.findByIdForUpdate(client, command.positionId())
                        .map(p -> p.filter(x -> x.account().equals(command.account())))
                : positions.findOpenForUpdate(client, command.account(), command.venue(), command.symbol())
                        .flatMap(open -> open.isPresent() ? Uni.createFrom().item(open)
                                : positions.findLatest(client, command.account(), command.venue(), command.symbol()));
        return target.flatMap(found -> found.isEmpty()
                ? answer(command, Outcome.NOT_FOUND, "No %s position to close".formatted(command.symbol()), null)
                : decide(client, command, found.get()));
    }

    private Uni<Handled> decide(SqlClient client, ClosePosition command, PositionSnapshot p) {
        return switch (p.status()) {
            case CLOSING -> {
                doubleClosesPrevented.increment();
                yield answer(command, Outcome.ALREADY_CLOSING, "Position #%d is already closing".formatted(p.id()), p);
            }
            case CLOSED, ROLLED_BACK -> {
                doubleClosesPrevented.increment();
                yield answer(command, Outcome.ALREADY_CLOSED, "Position #%d is already closed".formatted(p.id()), p);
            }
            case PENDING_ENTRY, ENTRY_PLACED -> cancelEntry(client, command, p);
            case PENDING_SL, ACTIVE -> clampedExit(client, command, p);
        };
    }

    /** The exit, sized by {@link ExitSizing}: none at all when the venue holds nothing. */
    private Uni<Handled> clampedExit(SqlClient client, ClosePosition command, PositionSnapshot p) {
        return exitSizing.size(client, p).flatMap(sized -> {
            // The venue last reported none of it: that is only a stored observation, so the venue is asked again
            // before the position is closed without an order (HoldingCheck); the exit goes out unless it says none.
            return startExit(client, command, sized instanceof ExitSizing.Exit exit ? exit.position() : p, !(sized instanceof ExitSizing.Exit));
        });
    }

    private Uni<Handled> startExit(SqlClient client, ClosePosition command, PositionSnapshot p, boolean checkHoldingFirst) {
        String reason = command.reason() != null ? command.reason() : "COMMAND";
        PositionSnapshot next = OrderIntents.closing(p, reason, clock.now());
        return transitions.transition(client, p, next, PositionEventType.PositionClosing, command.commandId())
                .flatMap(closing -> {
                    if (closing == null) {
                        return handle(client, command); // lost a race we should not be able to lose (row is locked): re-read
                    }
                    List<VenueAction> actions = new ArrayList<>(ProtectiveOrders.cancelAll(closing));
                    if (checkHoldingFirst) {
                        OrderIntents.exit(closing).ifPresent(exit -> actions.add(new VenueAction.ExitIfHeld(exit, closing.side())));
                    } else {
                        actions.addAll(OrderIntents.place(OrderIntents.exit(closing)));
                    }
                    return Uni.createFrom().item(new Handled(results.of(command, Outcome.CLOSING, (checkHoldingFirst
                            ? "Closing position #%d: the venue last reported none of it; checking with it before the exit"
                            : "Closing position #%d: exit order sent").formatted(p.id()), closing), actions));
                });
    }

    private Uni<Handled> cancelEntry(SqlClient client, ClosePosition command, PositionSnapshot p) {
        if (EntryCancellation.requested(p)) {
            doubleClosesPrevented.increment();
        }
        return cancellation.request(client, command, p, command.reason() != null ? command.reason() : "COMMAND",
                Outcome.CANCELLING_ENTRY, "Position #%d has not filled: cancelling its entry order".formatted(p.id()));
    }

    private Uni<Handled> answer(ClosePosition command, Outcome outcome, String message, PositionSnapshot p) {
        return Uni.createFrom().item(Handled.answer(results.of(command, outcome, message, p)));
    }
}
