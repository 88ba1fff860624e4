package io.positrack.infra.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionSnapshot;

/**
 * Checks a run's {@link History} against the promises Positrack makes to the consumers of its topics, the way such a
 * consumer sees them, independently of the service's own code:
 * <ul>
 * <li>every command sent is answered, and every answer to one command is the same answer (a republished copy is fine,
 * a second, different result is a second effect);</li>
 * <li>per position, versions start at 1 and go up by exactly one; a version seen again is a copy and must be equal;
 * the event's position id and version are its snapshot's; nothing follows a finished position (I3, I4);</li>
 * <li>no two positions of one account, venue and symbol are open at the same time (I1), replayed in the order of
 * their shared partition;</li>
 * <li>a command the run sent makes at most one transition of a kind on a position (applied twice, it would make two).
 * Venue reports and reconciliation runs are left out: their ids are not the run's to know.</li>
 * </ul>
 * Pure, so it is unit-tested on hand-made histories, including broken ones.
 */
public final class HistoryChecker {

    private HistoryChecker() {
    }

    public static List<Violation> check(History history) {
        List<Violation> found = new ArrayList<>();
        results(history, found);
        events(history, found);
        return found;
    }

    private static void results(History history, List<Violation> found) {
        Map<String, CommandResult> first = new HashMap<>();
        for (CommandResult result : history.results()) {
            CommandResult comparable = withoutTime(result);
            CommandResult earlier = first.putIfAbsent(result.commandId(), comparable);
            if (earlier != null && !earlier.equals(comparable)) {
                found.add(new Violation("second-result", "command " + result.commandId() + " was answered " + earlier.outcome()
                        + " and again, differently, " + result.outcome()));
            }
        }
        for (String commandId : history.sent()) {
            if (!first.containsKey(commandId)) {
                found.add(new Violation("unanswered", "command " + commandId + " has no result"));
            }
        }
    }

    private static void events(History history, List<Violation> found) {
        Map<Long, Map<Long, PositionEvent>> byPosition = new HashMap<>();
        Map<Long, PositionEvent> latest = new HashMap<>();
        Map<String, Long> openBySymbol = new HashMap<>();
        Set<String> reportedPairs = new HashSet<>();
        Map<String, Long> effects = new HashMap<>();
        Set<String> sent = new HashSet<>(history.sent());
        for (PositionEvent event : history.events()) {
            PositionSnapshot p = event.position();
            if (p == null || p.id() != event.positionId() || p.version() != event.version()) {
                found.add(new Violation("snapshot-mismatch", event.eventId() + " carries another position's snapshot or version"));
                continue;
            }
            Map<Long, PositionEvent> seen = byPosition.computeIfAbsent(event.positionId(), id -> new HashMap<>());
            PositionEvent before = latest.get(event.positionId());
            long last = before == null ? 0 : before.version();
            if (event.version() <= last) {
                PositionEvent earlier = seen.get(event.version());
                if (earlier == null) {
                    found.add(new Violation("version-gap", event.eventId() + " arrived after version " + last));
                } else if (!earlier.equals(event)) {
                    found.add(new Violation("copy-differs", event.eventId() + " was published twice with different content"));
                }
                continue;
            }
            if (event.version() != last + 1) {
                found.add(new Violation("version-gap", "position " + event.positionId() + " went from version " + last + " to "
                        + event.version()));
            }
            if (before != null && !before.position().status().isOpen()) {
                found.add(new Violation("after-terminal", event.eventId() + " follows the position's " + before.position().status()));
            }
            seen.put(event.version(), event);
            latest.put(event.positionId(), event);
            if (sent.contains(event.cause())) {
                Long first = effects.putIfAbsent(event.positionId() + "|" + event.type() + "|" + event.cause(), event.version());
                if (first != null) {
                    found.add(new Violation("second-effect", event.cause() + " made " + event.type() + " of position "
                            + event.positionId() + " twice (versions " + first + " and " + event.version() + ")"));
                }
            }
            String symbol = p.account() + "|" + p.venue() + "|" + p.symbol();
            Long open = openBySymbol.get(symbol);
            if (p.status().isOpen()) {
                if (open != null && open != p.id()) {
                    if (reportedPairs.add(Math.min(open, p.id()) + "|" + Math.max(open, p.id()))) {
                        found.add(new Violation("two-open", "positions " + open + " and " + p.id() + " of " + symbol + " open at once"));
                    }
                } else {
                    openBySymbol.put(symbol, p.id());
                }
            } else if (open != null && open == p.id()) {
                openBySymbol.remove(symbol);
            }
        }
    }

    /** The same answer republished later is still the same answer: only the time it was built may differ. */
    private static CommandResult withoutTime(CommandResult r) {
        return new CommandResult(r.commandId(), r.commandType(), r.account(), r.venue(), r.symbol(), r.chatId(), r.outcome(),
                r.message(), r.position(), r.positions(), null, r.requestedAs(), r.sessions(), r.pnl());
    }
}
