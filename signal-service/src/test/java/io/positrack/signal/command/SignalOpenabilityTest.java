package io.positrack.signal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.signal.strategy.Signal;

class SignalOpenabilityTest {

    private static final Instant BAR_END = Instant.parse("2026-01-01T00:00:00Z");
    private static final Signal BUY = new Signal("XAUUSD-ema-20260101T000000Z", "XAUUSD", "ema", Side.BUY, new BigDecimal("2000"),
            new BigDecimal("1990"), new BigDecimal("2020"), "r", BAR_END, BAR_END.plusSeconds(300));
    private static final Signal SELL = new Signal("XAUUSD-ema-20260101T000000Z", "XAUUSD", "ema", Side.SELL, new BigDecimal("2000"),
            new BigDecimal("2010"), new BigDecimal("1980"), "r", BAR_END, BAR_END.plusSeconds(300));

    @Test
    void aValidSignalWithThePriceBetweenItsStopsOpens() {
        assertThat(SignalOpenability.whyNot(BUY, BAR_END.plusSeconds(10), price("2001"))).isEmpty();
        assertThat(SignalOpenability.whyNot(SELL, BAR_END.plusSeconds(10), price("1999"))).isEmpty();
        assertThat(SignalOpenability.whyNot(BUY, BAR_END.plusSeconds(10), Optional.empty())).isEmpty();
    }

    @Test
    void anExpiredSignalDoesNotOpen() {
        assertThat(SignalOpenability.whyNot(BUY, BAR_END.plusSeconds(300), price("2001"))).get().asString().contains("expired");
    }

    @Test
    void aSignalWhoseStopOrTargetTheMarketPassedDoesNotOpen() {
        assertThat(SignalOpenability.whyNot(BUY, BAR_END, price("1990"))).get().asString().contains("stop loss 1990");
        assertThat(SignalOpenability.whyNot(BUY, BAR_END, price("2020.5"))).get().asString().contains("take profit 2020");
        assertThat(SignalOpenability.whyNot(SELL, BAR_END, price("2010"))).get().asString().contains("stop loss 2010");
        assertThat(SignalOpenability.whyNot(SELL, BAR_END, price("1979"))).get().asString().contains("take profit 1980");
    }

    private static Optional<BigDecimal> price(String p) {
        return Optional.of(new BigDecimal(p));
    }
}
