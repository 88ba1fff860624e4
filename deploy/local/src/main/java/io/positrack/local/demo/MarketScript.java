package io.positrack.local.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo's market: one symbol's quotes, one per one-second bar, with bar times starting some minutes in the
 * past so that a whole series can be sent at once. Where they go is the run's venue ({@link Quotes}): Kafka's
 * {@code market-ticks} for the paper venue, the Binance stand-in's streams and mark price for a Binance run.
 */
final class MarketScript implements AutoCloseable {

    static final BigDecimal SPREAD = new BigDecimal("0.02");
    /** A flat market, a fall and a recovery: with the demo's strategy parameters, a fresh symbol's first signal is a BUY. */
    private static final double[] V_SHAPE = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 99, 98, 97, 96, 96.5, 97.5, 98.5, 99.5 };

    private final Quotes quotes;
    private final String symbol;
    private final BigDecimal offset;
    private Instant next;
    private BigDecimal last;
    private int sent;
    private int direction = 1;
    private int leg;

    /** @param offset added to every price of the script (indicators are the same for a shifted series) */
    MarketScript(Quotes quotes, String symbol, BigDecimal offset) {
        this.quotes = quotes;
        this.symbol = symbol;
        this.offset = offset;
        this.next = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        quotes.awaitListener();
    }

    /** The flat-fall-recovery series; its last tick completes the bar that gives the first signal. */
    void vShape() {
        for (double close : V_SHAPE) {
            tick(offset.add(BigDecimal.valueOf(close)));
        }
    }

    /** The next step of a zig-zag from the last price (three bars each way, steps of 1). */
    void zigZagStep() {
        if (leg++ % 3 == 0) {
            direction = -direction;
        }
        tick(last.add(BigDecimal.valueOf(direction)));
    }

    /** Publishes one quote (bid = price, ask = price + spread) as the next bar, acknowledged before it returns. */
    void tick(BigDecimal price) {
        quotes.quote(symbol, price, price.add(SPREAD), next);
        next = next.plusSeconds(1);
        last = price;
        sent++;
    }

    BigDecimal lastPrice() {
        return last;
    }

    /** Ticks published so far. */
    int sent() {
        return sent;
    }

    @Override
    public void close() {
        quotes.close();
    }
}
