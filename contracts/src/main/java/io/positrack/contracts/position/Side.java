package io.positrack.contracts.position;

/** Direction of a position. */
public enum Side {
    BUY,
    SELL;

    /** The side of the order that reduces a position of this side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
