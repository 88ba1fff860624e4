package io.positrack.local.demo;

import java.math.BigDecimal;
import java.time.Instant;

/** Where the demo's market goes: one quote of one symbol at a time, acknowledged before the next. */
interface Quotes extends AutoCloseable {

    void quote(String symbol, BigDecimal bid, BigDecimal ask, Instant time);

    /** Blocks until whoever reads the quotes is listening; quotes sent before would be lost. */
    default void awaitListener() {
    }

    @Override
    void close();
}
