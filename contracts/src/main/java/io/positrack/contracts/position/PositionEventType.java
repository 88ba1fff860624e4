package io.positrack.contracts.position;

/** What happened to a position; the CloudEvents type is {@code io.positrack.position.<name>}. */
public enum PositionEventType {
    PositionOpened,
    PositionEntryPlaced,
    PositionEntryFilled,
    PositionActivated,
    PositionStopsUpdated,
    PositionClosing,
    PositionClosed,
    PositionRolledBack,
    PositionAdjusted,
    PositionAdopted;

    public String cloudEventType() {
        return "io.positrack.position." + name();
    }
}
