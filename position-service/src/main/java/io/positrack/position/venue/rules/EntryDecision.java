package io.positrack.position.venue.rules;

import java.math.BigDecimal;

/** What {@link EntryRules} decided about one requested entry. Outcomes are values, never exceptions. */
public sealed interface EntryDecision {

    /** The entry as it is stored and sent: quantity and stops rounded to the symbol's steps. */
    record Rounded(BigDecimal quantity, BigDecimal stopLoss, BigDecimal takeProfit) implements EntryDecision {
    }

    /** The venue would refuse this entry: nothing is opened, nothing is sent. */
    record Refused(Why why, String message) implements EntryDecision {
    }

    enum Why {
        /** The symbol is not traded on the venue (not in its exchange information). */
        NOT_LISTED,
        /** The venue's rules are not known right now (exchangeInfo could not be read). */
        RULES_UNKNOWN,
        BELOW_MIN_QUANTITY,
        ABOVE_MAX_QUANTITY,
        BELOW_MIN_NOTIONAL,
        /** Rounded to the tick, the stop loss and take profit meet or cross. */
        STOPS_WITHIN_ONE_TICK,
        /** A stop or the reference price is outside {@code PRICE_FILTER}'s minPrice / maxPrice (Binance -4014 / -4016 family). */
        PRICE_OUT_OF_LIMITS,
        /** The reference price is outside {@code PERCENT_PRICE}'s band around the mark price (Binance -4131 family). */
        PRICE_OUTSIDE_PERCENT_BAND
    }
}
