package io.positrack.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotVerb;
import io.positrack.gateway.command.CommandAge.Verdict;

class CommandAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Duration MAX_AHEAD = Duration.ofSeconds(5);

    @Test
    void aTradingCommandOlderThanTheLimitIsTooOldAndOneWithinItIsFresh() {
        assertThat(CommandAge.of(BotVerb.GET_SIGNAL, NOW.minusSeconds(90), NOW, MAX_AGE, MAX_AHEAD)).isEqualTo(Verdict.TOO_OLD);
        assertThat(CommandAge.of(BotVerb.CLOSE, NOW.minusSeconds(61), NOW, MAX_AGE, MAX_AHEAD)).isEqualTo(Verdict.TOO_OLD);
        assertThat(CommandAge.of(BotVerb.GET_SIGNAL, NOW.minusSeconds(59), NOW, MAX_AGE, MAX_AHEAD)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void aReadingCommandIsAnsweredWhateverItsAge() {
        for (BotVerb verb : new BotVerb[] { BotVerb.STATUS, BotVerb.POSITIONS, BotVerb.HISTORY, BotVerb.SESSIONS }) {
            assertThat(CommandAge.of(verb, NOW.minus(Duration.ofHours(20)), NOW, MAX_AGE, MAX_AHEAD)).isEqualTo(Verdict.FRESH);
        }
    }

    @Test
    void aMessageDatedAheadOfOurClockBeyondTheBoundIsNotBelieved() {
        assertThat(CommandAge.of(BotVerb.STATUS, NOW.plusSeconds(30), NOW, MAX_AGE, MAX_AHEAD)).isEqualTo(Verdict.FROM_THE_FUTURE);
        assertThat(CommandAge.of(BotVerb.GET_SIGNAL, NOW.plusSeconds(2), NOW, MAX_AGE, MAX_AHEAD)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void manualEntriesAndResumeExpireLikeTradesButALatePauseIsStillApplied() {
        for (BotVerb verb : new BotVerb[] { BotVerb.LONG, BotVerb.SHORT, BotVerb.RESUME }) {
            assertThat(CommandAge.of(verb, NOW.minusSeconds(61), NOW, MAX_AGE, MAX_AHEAD)).as(verb.name()).isEqualTo(Verdict.TOO_OLD);
        }
        for (BotVerb verb : new BotVerb[] { BotVerb.PAUSE, BotVerb.PROFIT, BotVerb.DAILY }) {
            assertThat(CommandAge.of(verb, NOW.minus(Duration.ofHours(2)), NOW, MAX_AGE, MAX_AHEAD)).as(verb.name()).isEqualTo(Verdict.FRESH);
        }
    }
}
