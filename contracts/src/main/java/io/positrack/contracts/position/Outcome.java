package io.positrack.contracts.position;

/** The structured outcome of one command, rendered for people by the gateway. */
public enum Outcome {
    OPENED,
    DUPLICATE_OPEN_EXISTS,
    /** The signal of an OpenPosition already opened a position, which has ended: a signal opens one position, ever. */
    SIGNAL_ALREADY_USED,
    CLOSING,
    /** A close found the venue flat: no exit order was sent and the position was closed as RECONCILED. */
    CLOSED_RECONCILED,
    /**
     * A close reached a position whose entry had not filled: the entry order is being cancelled. The
     * position ends ROLLED_BACK when the venue confirms, or is closed at once if the entry filled first.
     */
    CANCELLING_ENTRY,
    ALREADY_CLOSING,
    ALREADY_CLOSED,
    NOT_FOUND,
    STOPS_UPDATED,
    EXPIRED,
    NOT_EXPIRABLE,
    STATUS,
    POSITIONS,
    HISTORY,
    /** The position exists but is in a state where the command cannot apply (for example closing a pending entry). */
    REJECTED_STATE,
    REJECTED_INVALID,
    /**
     * The command's id was already used, by the same account, for a command with other content: this one
     * changed nothing. A sender must give every distinct command an id of its own.
     */
    REJECTED_CONFLICT,
    /**
     * The venue's rules for the symbol refuse the entry (below the minimum quantity or notional, above the maximum
     * quantity, a symbol it does not trade, rules that cannot be read now) or a stops update (stops that meet once
     * rounded to the tick, rules that cannot be read now): nothing was opened or changed, and {@code message} gives the
     * reason.
     */
    REJECTED_EXCHANGE_RULES,
    /**
     * signal-service: an entry the market does not allow now, and nothing was sent: the symbol has no fresh market
     * data, or the market has already reached the entry's stop loss or take profit. {@code message} says which, with
     * the time of the last data or the current price.
     */
    REJECTED_MARKET_DATA,
    /** A {@code PauseEntries} was applied (or found the same pause in place): new entries are refused until resumed. */
    ENTRIES_PAUSED,
    /** A {@code ResumeEntries} was applied; {@code message} says whether an account-wide pause still holds. */
    ENTRIES_RESUMED,
    /** An entry met a pause of its account or symbol: nothing was opened. */
    REJECTED_PAUSED,
    /** The answer to a {@code PnlReport}, in {@code pnl}. */
    PNL_REPORT,
    /** signal-service: no signal now and no open position. */
    NO_SIGNAL,
    /** signal-service: the account's signal sessions, in {@code sessions}. */
    SESSIONS
}
