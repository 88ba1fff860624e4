package io.positrack.contracts.bot;

/**
 * The chat commands that travel on {@code bot-commands}. {@code /start} and {@code /help} never leave the
 * gateway; everything here is answered by signal-service or, through it, by position-service.
 */
public enum BotVerb {
    /** {@code /getsignal [SYMBOL]}: the current signal, opened as a position unless one is open. */
    GET_SIGNAL,
    /** {@code /status [SYMBOL]}: the symbol's open position, else its latest one. */
    STATUS,
    /** {@code /close [SYMBOL|#ID]}. */
    CLOSE,
    /** {@code /positions}: every open position of the account. */
    POSITIONS,
    /** {@code /history [N]}: the latest finished positions. */
    HISTORY,
    /** {@code /sessions}: the account's signal sessions (signal-service's read model). */
    SESSIONS,
    /** {@code /stops SYMBOL SL TP}: move the open position's stop loss and/or take profit ({@code -} keeps one). */
    UPDATE_STOPS,
    /** {@code /long SYMBOL [QTY]}: a manual entry, bought; the quantity defaults to the instrument's. */
    LONG,
    /** {@code /short SYMBOL [QTY]}: a manual entry, sold. */
    SHORT,
    /** {@code /pause [SYMBOL]}: no new entries for the account (or the symbol) until {@code /resume}; exits go on. */
    PAUSE,
    /** {@code /resume [SYMBOL]}: lifts {@code /pause}; without a symbol, every pause of the account. */
    RESUME,
    /** {@code /profit}: realized PnL of the account's finished positions, in total. */
    PROFIT,
    /** {@code /daily [N]}: realized PnL per UTC day for the last N days (default 7). */
    DAILY,
    /**
     * The Open button under a pushed signal: opens exactly the signal named by {@code signalId} if it is still valid
     * and the market has not passed its stop loss or take profit; never a newer one.
     */
    OPEN_SIGNAL
}
