package io.positrack.position.venue;

/** Order types Positrack places. */
public enum OrderType {
    MARKET,
    /** Protective stop: a market order once the trigger price trades. */
    STOP_MARKET,
    /** Take profit: a market order once the trigger price trades. */
    TAKE_PROFIT_MARKET
}
