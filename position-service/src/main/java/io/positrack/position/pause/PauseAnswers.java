package io.positrack.position.pause;

import java.util.List;
import java.util.Optional;

/**
 * What a pause, a resume and a paused entry answer, in one place. Pure, so every wording is unit-tested; the words
 * matter: a trader who pauses in a hurry must read at once that exits still work.
 */
public final class PauseAnswers {

    private PauseAnswers() {
    }

    public static String paused(Pause pause, boolean wasAlreadyPaused) {
        String since = " since " + pause.pausedAt() + (pause.reason() == null ? "" : " (" + pause.reason() + ")");
        return (wasAlreadyPaused ? "New entries on %s were already paused%s" : "New entries on %s are paused%s")
                .formatted(pause.scope(), since) + "; closes, stops and exits go on. /resume lifts it.";
    }

    /**
     * @param symbol the symbol the resume named, or {@code null} for the whole account
     * @param lifted the pauses it removed
     * @param stillHolding the account-wide pause that still refuses the symbol's entries, if any
     */
    public static String resumed(String symbol, List<Pause> lifted, Optional<Pause> stillHolding) {
        String what = symbol == null ? "the account" : symbol;
        if (stillHolding.isPresent()) {
            return (lifted.isEmpty() ? "%s had no pause of its own" : "%s's own pause is lifted")
                    .formatted(what) + ", but entries on every symbol stay paused since " + stillHolding.get().pausedAt()
                    + ". /resume without a symbol lifts that.";
        }
        if (lifted.isEmpty()) {
            return "Nothing was paused for " + what + ": entries were already allowed.";
        }
        return "Entries on " + (symbol == null ? "every symbol" : symbol) + " are allowed again (" + lifted.size()
                + " pause(s) lifted).";
    }

    public static String refused(String symbol, Pause pause) {
        return "New entries on %s are paused (since %s%s): nothing was opened. /resume%s lifts it."
                .formatted(symbol, pause.pausedAt(), pause.reason() == null ? "" : ", " + pause.reason(),
                        pause.accountWide() ? "" : " " + symbol);
    }
}
