package io.positrack.infra.history;

import java.util.List;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionEvent;

/**
 * What a run left on the topics, as a plain consumer read it: the commands it sent, and the results and events in the
 * order they were consumed (per partition, the order they were published). Copies published twice stay in: dropping
 * them is part of what is checked.
 *
 * @param sent the command ids the run sent, each once
 */
public record History(List<String> sent, List<CommandResult> results, List<PositionEvent> events) {

    public History {
        sent = List.copyOf(sent);
        results = List.copyOf(results);
        events = List.copyOf(events);
    }
}
