package io.positrack.position.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.support.Clock;

/** Builds the one result of a command. */
@ApplicationScoped
public class Results {

    private final Clock clock;

    public Results(Clock clock) {
        this.clock = clock;
    }

    public CommandResult of(PositionCommand command, Outcome outcome, String message, PositionSnapshot position) {
        return new CommandResult(command.commandId(), command.typeName(), command.account(), venueOf(command),
                command.symbol(), command.chatId(), outcome, message, position, null, clock.now(), requestedAs(command), null);
    }

    public CommandResult list(PositionCommand command, Outcome outcome, String message, List<PositionSnapshot> positions) {
        return new CommandResult(command.commandId(), command.typeName(), command.account(), venueOf(command),
                command.symbol(), command.chatId(), outcome, message, null, positions, clock.now(), requestedAs(command), null);
    }

    /** Kafka key of a result: the symbol, so it keeps its place among that symbol's messages; else the account. */
    public static String key(PositionCommand command) {
        return command.symbol() != null ? command.symbol() : command.account();
    }

    static String requestedAs(PositionCommand command) {
        return command instanceof PositionCommand.QueryStatus q ? q.requestedAs() : null;
    }

    static String venueOf(PositionCommand command) {
        if (command instanceof PositionCommand.OpenPosition c) {
            return c.venue();
        } else if (command instanceof PositionCommand.ClosePosition c) {
            return c.venue();
        } else if (command instanceof PositionCommand.UpdateStops c) {
            return c.venue();
        } else if (command instanceof PositionCommand.ExpirePending c) {
            return c.venue();
        } else if (command instanceof PositionCommand.QueryStatus c) {
            return c.venue();
        }
        return null;
    }
}
