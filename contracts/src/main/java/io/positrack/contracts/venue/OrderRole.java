package io.positrack.contracts.venue;

/** What an order is for, as encoded in its client order id. */
public enum OrderRole {
    ENTRY,
    STOP_LOSS,
    TAKE_PROFIT,
    EXIT
}
