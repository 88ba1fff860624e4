package io.positrack.contracts.position;

/** How a position came to exist. */
public enum Origin {
    /** Opened for a strategy signal. */
    SIGNAL,
    /** Opened by an explicit command without a signal. */
    COMMAND,
    /** Found on the venue and adopted by reconciliation. */
    ADOPTED
}
