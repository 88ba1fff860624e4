package io.positrack.gateway.command;

import java.time.Duration;
import java.time.Instant;

import io.positrack.contracts.bot.BotVerb;

/**
 * Whether a chat command is still the user's wish when it reaches us. Telegram keeps updates for up to 24 hours
 * while the bot is away, and a {@code /getsignal} typed before an outage would otherwise open a position on the
 * signal of when the bot came back, which may be the opposite side of what the user saw. Trading commands older
 * than the limit are refused with the reason; reading commands are answered whatever their age (a late answer to
 * {@code /status} harms nobody). A message dated ahead of our clock beyond the bound is not believed either.
 */
public final class CommandAge {

    /** What to do with a command of this age. */
    public enum Verdict {
        FRESH,
        /** Sent longer ago than the limit while we could not act on it: not executed. */
        TOO_OLD,
        /** Dated ahead of our clock beyond the bound: its time cannot be believed. */
        FROM_THE_FUTURE
    }

    private CommandAge() {
    }

    /**
     * Verbs that change positions or allow entries; only these expire. A late {@code /pause} is still the user's wish
     * (no new risk) and is applied; a late {@code /resume} would let entries in that the user may no longer want.
     */
    public static boolean trades(BotVerb verb) {
        return verb == BotVerb.GET_SIGNAL || verb == BotVerb.CLOSE || verb == BotVerb.UPDATE_STOPS || verb == BotVerb.LONG
                || verb == BotVerb.SHORT || verb == BotVerb.RESUME;
    }

    public static Verdict of(BotVerb verb, Instant sentAt, Instant now, Duration maxAge, Duration maxAhead) {
        if (sentAt.isAfter(now.plus(maxAhead))) {
            return Verdict.FROM_THE_FUTURE;
        }
        if (trades(verb) && sentAt.isBefore(now.minus(maxAge))) {
            return Verdict.TOO_OLD;
        }
        return Verdict.FRESH;
    }
}
