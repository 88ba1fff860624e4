package io.positrack.position.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.support.Clock;

/**
 * Builds the one result of a command.
 *
 * <p>Results are bounded by construction, so none can be too large for the outbox relay
 * ({@code positrack.position.outbox.max-record-bytes}, 1,000,000 bytes) and be set aside unanswered: every
 * string a position carries is bounded by validation (ids 128 characters, a close reason
 * {@value CommandValidator#MAX_REASON_LENGTH}, decimals {@code numeric(38,18)}), so a snapshot is at most
 * about 2 KB of JSON, and a list holds at most {@link #MAX_LISTED} of them, whatever the account holds or
 * {@code max-history} says. A longer list is cut, and its message says so.
 */
@ApplicationScoped
public class Results {

    /** Most positions one result lists: 200 worst-case snapshots stay below half of the outbox bound. */
    public static final int MAX_LISTED = 200;

    private final Clock clock;

    public Results(Clock clock) {
        this.clock = clock;
    }

    public CommandResult of(PositionCommand command, Outcome outcome, String message, PositionSnapshot position) {
        return new CommandResult(command.commandId(), command.typeName(), command.account(), command.venue(),
                command.symbol(), command.chatId(), outcome, message, position, null, clock.now(), requestedAs(command), null);
    }

    public CommandResult list(PositionCommand command, Outcome outcome, String message, List<PositionSnapshot> positions) {
        return new CommandResult(command.commandId(), command.typeName(), command.account(), command.venue(),
                command.symbol(), command.chatId(), outcome, message, null, positions, clock.now(), requestedAs(command), null);
    }

    public CommandResult pnl(PositionCommand command, String message, io.positrack.contracts.position.PnlSummary summary) {
        return new CommandResult(command.commandId(), command.typeName(), command.account(), command.venue(), command.symbol(),
                command.chatId(), Outcome.PNL_REPORT, message, null, null, clock.now(), null, null, summary);
    }

    /** The first {@link #MAX_LISTED} of a list, in its order. */
    static <T> List<T> bounded(List<T> list) {
        return list.size() <= MAX_LISTED ? list : List.copyOf(list.subList(0, MAX_LISTED));
    }

    /** What a result's message adds when its list was cut ({@code which}: how the shown ones were chosen); empty otherwise. */
    static String cutNote(String which, int shown, int total) {
        return shown >= total ? "" : "; showing the %s %d of %d".formatted(which, shown, total);
    }

    /** Kafka key of a result: the symbol, so it keeps its place among that symbol's messages; else the account. */
    public static String key(PositionCommand command) {
        return io.positrack.contracts.Topics.keyOf(command.symbol(), command.account());
    }

    static String requestedAs(PositionCommand command) {
        return command instanceof PositionCommand.QueryStatus q ? q.requestedAs() : null;
    }

}
