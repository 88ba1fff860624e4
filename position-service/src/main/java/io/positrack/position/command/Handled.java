package io.positrack.position.command;

import java.util.List;

import io.positrack.contracts.position.CommandResult;
import io.positrack.position.venue.VenueAction;

/** What handling a command decided: its one result, and what to tell the venue after commit. */
public record Handled(CommandResult result, List<VenueAction> afterCommit) {

    public static Handled answer(CommandResult result) {
        return new Handled(result, List.of());
    }
}
