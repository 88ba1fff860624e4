package io.positrack.position.pause;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PauseAnswersTest {

    private static final Instant AT = Instant.parse("2026-12-02T14:29:00Z");
    private static final Pause ALL = new Pause("acct", null, "news", "c1", AT);
    private static final Pause ONE = new Pause("acct", "BTCUSDT", null, "c2", AT);

    @Test
    void aPauseSaysWhatIsPausedSinceWhenAndThatExitsGoOn() {
        assertThat(PauseAnswers.paused(ALL, false))
                .isEqualTo("New entries on every symbol are paused since 2026-12-02T14:29:00Z (news); closes, stops and exits go on."
                        + " /resume lifts it.");
        assertThat(PauseAnswers.paused(ONE, true)).startsWith("New entries on BTCUSDT were already paused since");
    }

    @Test
    void aRefusedEntryNamesTheResumeThatWouldLiftIt() {
        assertThat(PauseAnswers.refused("BTCUSDT", ONE)).endsWith("nothing was opened. /resume BTCUSDT lifts it.");
        assertThat(PauseAnswers.refused("BTCUSDT", ALL)).contains("since 2026-12-02T14:29:00Z, news").endsWith("/resume lifts it.");
    }

    @Test
    void aResumeSaysWhetherAnAccountPauseStillHolds() {
        assertThat(PauseAnswers.resumed("BTCUSDT", List.of(ONE), Optional.of(ALL)))
                .startsWith("BTCUSDT's own pause is lifted, but entries on every symbol stay paused");
        assertThat(PauseAnswers.resumed("BTCUSDT", List.of(), Optional.of(ALL))).startsWith("BTCUSDT had no pause of its own");
        assertThat(PauseAnswers.resumed(null, List.of(), Optional.empty()))
                .isEqualTo("Nothing was paused for the account: entries were already allowed.");
        assertThat(PauseAnswers.resumed(null, List.of(ALL, ONE), Optional.empty()))
                .isEqualTo("Entries on every symbol are allowed again (2 pause(s) lifted).");
    }
}
