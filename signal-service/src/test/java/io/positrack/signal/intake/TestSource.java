package io.positrack.signal.intake;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A source for the pure tests, with what each test varies. */
record TestSource(Format format, String secret, String account, Optional<String> venue, BigDecimal quantity,
        Optional<BigDecimal> maxQuantity, Map<String, String> symbols, Optional<BigDecimal> stopLossPercent,
        Optional<BigDecimal> takeProfitPercent, Duration maxAge) implements IntakeSource {

    static TestSource tradingView() {
        return new TestSource(Format.TRADINGVIEW, "a-secret-long-enough-to-be-accepted", "acct", Optional.empty(),
                new BigDecimal("0.5"), Optional.empty(), Map.of("BINANCE:BTCUSDT.P", "BTCUSDT"), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(60));
    }

    TestSource withMaxQuantity(String max) {
        return new TestSource(format, secret, account, venue, quantity, Optional.of(new BigDecimal(max)), symbols,
                stopLossPercent, takeProfitPercent, maxAge);
    }

    TestSource withPercents(String stopLoss, String takeProfit) {
        return new TestSource(format, secret, account, venue, quantity, maxQuantity, symbols,
                Optional.of(new BigDecimal(stopLoss)), Optional.of(new BigDecimal(takeProfit)), maxAge);
    }

    TestSource withSecret(String newSecret) {
        return new TestSource(format, newSecret, account, venue, quantity, maxQuantity, symbols, stopLossPercent,
                takeProfitPercent, maxAge);
    }
}
