package io.positrack.contracts.position;

/** What happened to a position; the CloudEvents type is {@code io.positrack.position.<name>}. */
public enum PositionEventType {
    PositionOpened,
    PositionEntryPlaced,
    PositionEntryFilled,
    PositionActivated,
    PositionStopsUpdated,
    /** A close or expiry reached a position whose entry had not filled: the entry order is being cancelled. */
    PositionCancelRequested,
    PositionClosing,
    PositionClosed,
    PositionRolledBack,
    PositionAdjusted,
    PositionAdopted;

    public String cloudEventType() {
        return "io.positrack.position." + name();
    }
}
