package io.positrack.infra.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;

class HistoryCheckerTest {

    private static final Instant T = Instant.parse("2026-12-02T12:00:00Z");

    /** Position 1 opened by c-open, filled, closed by c-close, closed by the venue; then position 2 opened by c-again. */
    private static List<PositionEvent> lifeAndReopen() {
        return new ArrayList<>(List.of(
                event(1, 1, PositionEventType.PositionOpened, PositionStatus.PENDING_ENTRY, "c-open"),
                event(1, 2, PositionEventType.PositionActivated, PositionStatus.ACTIVE, "venue-fill-1"),
                event(1, 3, PositionEventType.PositionClosing, PositionStatus.CLOSING, "c-close"),
                event(1, 4, PositionEventType.PositionClosed, PositionStatus.CLOSED, "venue-fill-2"),
                event(2, 1, PositionEventType.PositionOpened, PositionStatus.PENDING_ENTRY, "c-again")));
    }

    private static List<CommandResult> answers() {
        return new ArrayList<>(List.of(result("c-open", Outcome.OPENED, T), result("c-close", Outcome.CLOSING, T),
                result("c-again", Outcome.OPENED, T)));
    }

    private static final List<String> SENT = List.of("c-open", "c-close", "c-again");

    @Test
    void aCleanHistoryWithRepublishedCopiesPasses() {
        List<PositionEvent> events = lifeAndReopen();
        events.add(3, events.get(2)); // the relay published version 3 twice
        List<CommandResult> results = answers();
        results.add(results.get(0));

        assertThat(HistoryChecker.check(new History(SENT, results, events))).isEmpty();
    }

    @Test
    void aMissingVersionIsAGap() {
        List<PositionEvent> events = lifeAndReopen();
        events.remove(1);
        assertThat(rules(new History(SENT, answers(), events))).containsExactly("version-gap");
    }

    @Test
    void versionsOutOfOrderAreAGap() {
        List<PositionEvent> events = lifeAndReopen();
        events.add(1, events.remove(2));
        assertThat(rules(new History(SENT, answers(), events))).contains("version-gap");
    }

    @Test
    void aCopyWithOtherContentIsRefused() {
        List<PositionEvent> events = lifeAndReopen();
        PositionEvent v2 = events.get(1);
        events.add(2, new PositionEvent(v2.eventId(), PositionEventType.PositionEntryFilled, 1, 2, v2.cause(), v2.occurredAt(), v2.position()));
        assertThat(rules(new History(SENT, answers(), events))).containsExactly("copy-differs");
    }

    @Test
    void aSecondOpenPositionOfTheSameSymbolIsFound() {
        List<PositionEvent> events = lifeAndReopen();
        events.add(1, event(2, 1, PositionEventType.PositionOpened, PositionStatus.PENDING_ENTRY, "c-again"));
        events.remove(events.size() - 1);
        assertThat(rules(new History(SENT, answers(), events))).containsExactly("two-open");
    }

    @Test
    void anEventAfterTheCloseIsFound() {
        List<PositionEvent> events = lifeAndReopen();
        events.add(4, event(1, 5, PositionEventType.PositionStopsUpdated, PositionStatus.CLOSED, "c-stops"));
        assertThat(rules(new History(SENT, answers(), events))).containsExactly("after-terminal");
    }

    @Test
    void aCommandAppliedTwiceIsASecondEffectAndASecondResult() {
        List<PositionEvent> events = lifeAndReopen();
        events.add(3, event(1, 4, PositionEventType.PositionClosing, PositionStatus.CLOSING, "c-close"));
        events.set(4, event(1, 5, PositionEventType.PositionClosed, PositionStatus.CLOSED, "venue-fill-2"));
        List<CommandResult> results = answers();
        results.add(result("c-close", Outcome.ALREADY_CLOSING, T.plusSeconds(1)));

        assertThat(rules(new History(SENT, results, events))).containsExactlyInAnyOrder("second-effect", "second-result");
    }

    @Test
    void theSameAnswerBuiltAgainLaterIsNotASecondResult() {
        List<CommandResult> results = answers();
        results.add(result("c-open", Outcome.OPENED, T.plusSeconds(5)));
        assertThat(HistoryChecker.check(new History(SENT, results, lifeAndReopen()))).isEmpty();
    }

    @Test
    void aCommandWithoutResultIsUnanswered() {
        List<String> sent = new ArrayList<>(SENT);
        sent.add("c-lost");
        assertThat(HistoryChecker.check(new History(sent, answers(), lifeAndReopen())))
                .containsExactly(new Violation("unanswered", "command c-lost has no result"));
    }

    @Test
    void anEventWithAnotherPositionsSnapshotIsFound() {
        List<PositionEvent> events = lifeAndReopen();
        PositionEvent v1 = events.get(4);
        events.set(4, new PositionEvent("position-3-v1", v1.type(), 3, 1, v1.cause(), v1.occurredAt(), v1.position()));
        assertThat(rules(new History(SENT, answers(), events))).containsExactly("snapshot-mismatch");
    }

    private static List<String> rules(History history) {
        return HistoryChecker.check(history).stream().map(Violation::rule).toList();
    }

    private static PositionEvent event(long id, long version, PositionEventType type, PositionStatus status, String cause) {
        PositionSnapshot p = new PositionSnapshot(id, "acct", "paper", "XAUUSD", Side.BUY, status, BigDecimal.ONE, BigDecimal.ONE,
                status.isOpen() ? BigDecimal.ONE : BigDecimal.ZERO, new BigDecimal("2650"), null, null, null, null, null,
                Origin.COMMAND, null, null, null, 0, version, T, T, null);
        return new PositionEvent(PositionEvent.eventId(id, version), type, id, version, cause, T, p);
    }

    private static CommandResult result(String commandId, Outcome outcome, Instant at) {
        return new CommandResult(commandId, "OpenPosition", "acct", "paper", "XAUUSD", null, outcome, outcome.name(), null, null, at,
                null, null);
    }
}
