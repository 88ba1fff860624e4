package io.positrack.local.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.positrack.local.ChatView;

/**
 * The Binance run's market: the stand-in's mark price (market orders fill at it, stop and take-profit orders
 * trigger on it) and its {@code bookTicker} stream, which signal-service's Binance feed turns into ticks. The
 * quote's event time is the script's bar time, checked by the feed against our clock like Binance's.
 */
final class BinanceStandInQuotes implements Quotes {

    private static final Duration LISTENER_WITHIN = Duration.ofSeconds(60);
    private static final BigDecimal TWO = BigDecimal.valueOf(2); // BigDecimal.TWO is Java 19+; the baseline is 17

    private final BinanceFuturesStandIn standIn;

    BinanceStandInQuotes(BinanceFuturesStandIn standIn) {
        this.standIn = standIn;
    }

    @Override
    public void quote(String symbol, BigDecimal bid, BigDecimal ask, Instant time) {
        // The venue first: a signal made from this quote must find orders filling at its price.
        standIn.setMarkPrice(symbol, bid.add(ask).divide(TWO).toPlainString());
        standIn.marketStreams().bookTicker(symbol, bid.toPlainString(), ask.toPlainString(), time.toEpochMilli());
    }

    /** signal-service's feed connects once it has started; a quote streamed before reaches nobody. */
    @Override
    public void awaitListener() {
        long deadline = System.nanoTime() + LISTENER_WITHIN.toNanos();
        while (standIn.marketStreams().openConnections() == 0) {
            if (System.nanoTime() > deadline) {
                throw new DemoScenario.Failed("signal-service's Binance feed did not connect to the stand-in within "
                        + LISTENER_WITHIN.toSeconds() + " s");
            }
            ChatView.pause();
        }
    }

    @Override
    public void close() {
        // The stand-in belongs to the local system, which closes it.
    }
}
