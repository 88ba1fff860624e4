package io.positrack.position.command;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand.OpenPosition;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.pause.EntryPauses;
import io.positrack.position.pause.PauseAnswers;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.OrderIntents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Opens a position with {@code INSERT … ON CONFLICT DO NOTHING} on the partial unique index: the
 * database, not this code, decides that a symbol has at most one open position. On conflict the
 * existing position is the answer.
 */
@ApplicationScoped
public class OpenPositionHandler {

    // Between our conflict and our read, the winner may close; then we try the insert again.
    private static final int MAX_ATTEMPTS = 3;

    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final Results results;
    private final Clock clock;
    private final Counter duplicatesPrevented;
    private final Counter signalsReused;
    private final Counter pausedEntriesRefused;
    private final EntryPauses pauses;

    public OpenPositionHandler(PositionRepository positions, TransitionWriter transitions, Results results, Clock clock,
            MeterRegistry registry, EntryPauses pauses) {
        this.pauses = pauses;
        this.pausedEntriesRefused = Counter.builder("positrack.entries.paused.refused")
                .description("Entries refused because their account or symbol was paused (/pause, PauseEntries)")
                .register(registry);
        this.positions = positions;
        this.transitions = transitions;
        this.results = results;
        this.clock = clock;
        this.duplicatesPrevented = Counter.builder("positrack.positions.duplicates.prevented")
                .description("Opens answered with the already open position instead of a second row")
                .register(registry);
        this.signalsReused = Counter.builder("positrack.positions.signal_reuse.prevented")
                .description("Opens refused because their signal had already opened a position")
                .register(registry);
    }

    public Uni<Handled> handle(SqlClient client, OpenPosition command) {
        // The kill switch first: whatever else holds, a paused entry is answered as paused.
        return pauses.holding(client, command.account(), command.symbol()).flatMap(pause -> {
            if (pause.isPresent()) {
                pausedEntriesRefused.increment();
                return Uni.createFrom().item(Handled.answer(results.of(command, Outcome.REJECTED_PAUSED,
                        PauseAnswers.refused(command.symbol(), pause.get()), null)));
            }
            return unlessBlocked(client, command);
        });
    }

    private Uni<Handled> unlessBlocked(SqlClient client, OpenPosition command) {
        return client.preparedQuery("SELECT reason FROM entry_blocks WHERE account = $1 AND venue = $2 AND symbol = $3")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(command.account(), command.venue(), command.symbol()))
                .flatMap(rows -> rows.size() == 0 ? attempt(client, command, 1)
                        : Uni.createFrom().item(Handled.answer(results.of(command, Outcome.REJECTED_STATE,
                                "New entries on %s are blocked: %s".formatted(command.symbol(), rows.iterator().next().getString("reason")),
                                null))));
    }

    private Uni<Handled> attempt(SqlClient client, OpenPosition command, int attempt) {
        return positions.insertIfNoneOpen(client, newPosition(command)).flatMap(inserted -> {
            if (inserted.isPresent()) {
                return opened(client, command, inserted.get());
            }
            return positions.findOpenForUpdate(client, command.account(), command.venue(), command.symbol())
                    .flatMap(existing -> {
                        if (existing.isPresent()) {
                            duplicatesPrevented.increment();
                            PositionSnapshot p = existing.get();
                            return Uni.createFrom().item(Handled.answer(results.of(command, Outcome.DUPLICATE_OPEN_EXISTS,
                                    "%s %s position #%d is already open (%s)".formatted(p.symbol(), p.side(), p.id(), p.status()), p)));
                        }
                        return signalAlreadyUsed(client, command).flatMap(used -> {
                            if (used != null) {
                                return Uni.createFrom().item(used);
                            }
                            if (attempt >= MAX_ATTEMPTS) {
                                return Uni.createFrom().failure(new IllegalStateException(
                                        "open position for " + command.symbol() + " kept changing under us"));
                            }
                            return attempt(client, command, attempt + 1);
                        });
                    });
        });
    }

    /** The answer when the command's signal already opened a position that has since ended, else null. */
    private Uni<Handled> signalAlreadyUsed(SqlClient client, OpenPosition command) {
        if (command.signalId() == null) {
            return Uni.createFrom().nullItem();
        }
        return positions.findBySignal(client, command.account(), command.venue(), command.signalId()).map(found -> found
                .map(p -> {
                    signalsReused.increment();
                    return Handled.answer(results.of(command, Outcome.SIGNAL_ALREADY_USED,
                            "Signal %s already opened position #%d (%s)".formatted(command.signalId(), p.id(), p.status()), p));
                })
                .orElse(null));
    }

    private Uni<Handled> opened(SqlClient client, OpenPosition command, PositionSnapshot inserted) {
        ClientOrderId entryId = new ClientOrderId(inserted.id(), OrderRole.ENTRY, 1);
        // The order intent is part of the opening transaction: written before the order is sent.
        PositionSnapshot withIntent = PositionChange.of(inserted).entryOrderId(entryId.toString()).sameVersion();
        return positions.setEntryOrderId(client, inserted.id(), entryId.toString())
                .flatMap(ignored -> transitions.created(client, withIntent, PositionEventType.PositionOpened, command.commandId()))
                .map(p -> new Handled(results.of(command, Outcome.OPENED,
                        "%s %s position #%d opened, entry order sent".formatted(p.symbol(), p.side(), p.id()), p),
                        OrderIntents.place(OrderIntents.entry(p))));
    }

    private PositionSnapshot newPosition(OpenPosition c) {
        var now = clock.now();
        return new PositionSnapshot(0, c.account(), c.venue(), c.symbol(), c.side(), PositionStatus.PENDING_ENTRY,
                c.quantity(), BigDecimal.ZERO, BigDecimal.ZERO, null, null, c.stopLoss(), c.takeProfit(), null, null,
                c.signalId() != null ? Origin.SIGNAL : Origin.COMMAND, c.signalId(), null, null, 0, 1, now, now, null);
    }
}
