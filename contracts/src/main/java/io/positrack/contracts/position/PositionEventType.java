package io.positrack.contracts.position;

/** What happened to a position; the CloudEvents type is {@code io.positrack.position.<name>}. */
public enum PositionEventType {
    PositionOpened,
    PositionEntryPlaced,
    /** Part of the entry order filled; the rest may still fill, or the order ends with what filled. */
    PositionEntryPartiallyFilled,
    PositionEntryFilled,
    PositionActivated,
    PositionStopsUpdated,
    /** A close or expiry reached a position whose entry had not filled: the entry order is being cancelled. */
    PositionCancelRequested,
    PositionClosing,
    /** The venue refused, expired or cancelled the exit order unfilled: the next exit attempt, under a new client order id. */
    PositionExitRetried,
    PositionClosed,
    PositionRolledBack,
    /** The open quantity changed without a close: it follows the venue's size, or part of it was exited. */
    PositionAdjusted,
    PositionAdopted,
    /**
     * A commission or funding payment was booked without any other change (a fill that moved no quantity, funding on
     * an open or just-closed position): fees, funding and net PnL changed, the status did not.
     */
    PositionChargesRecorded;

    public String cloudEventType() {
        return "io.positrack.position." + name();
    }
}
