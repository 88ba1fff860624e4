package io.positrack.signal.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;

/**
 * The strategy on fixed close series (one price per 1 s bar, so high = low = close and the true range is
 * the move from the previous close). The expected values were worked out by hand from the indicator
 * definitions (EMA seeded with the first close; RSI and ATR with Wilder's smoothing, 1/n):
 *
 * <pre>
 * bar    close  EMA(3)   EMA(6)   RSI(6)  ATR(4)
 * 0-9    100    100      100       0      0
 * 10      99    99.5     99.7143   0      0.2500
 * 13      96    96.9375  97.8492   0      0.6836
 * 14      96.5  96.7188  97.4637  16.19   0.6377
 * 15      97.5  97.1094  97.4741  39.64   0.7283
 * 16      98.5  97.8047  97.7672  54.81   0.7962   &lt;- EMA(3) crosses above EMA(6)
 * </pre>
 */
class EmaRsiAtrStrategyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final StrategyParameters PARAMETERS = parameters("80", "20");

    static final double[] V_SHAPE = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 99, 98, 97, 96, 96.5, 97.5, 98.5 };
    static final double[] INVERTED_V = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 101, 102, 103, 104, 103.5, 102.5, 101.5 };

    @Test
    void aFastEmaCrossingAboveTheSlowOneIsABuyWithStopsFromAtr() {
        List<Signal> signals = signalsBarByBar(PARAMETERS, V_SHAPE);

        assertThat(signals).hasSize(1);
        Signal buy = signals.get(0);
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.entry()).isEqualByComparingTo("98.5");
        // ATR(4) = 0.79620361328125: SL = 98.5 - 1 x ATR = 97.7038 -> 97.70; TP = 98.5 + 2 x ATR = 100.0924 -> 100.09
        assertThat(buy.stopLoss()).isEqualByComparingTo("97.70");
        assertThat(buy.takeProfit()).isEqualByComparingTo("100.09");
        assertThat(buy.barEnd()).isEqualTo(T0.plusSeconds(17));
        assertThat(buy.validUntil()).isEqualTo(T0.plusSeconds(17).plus(Duration.ofHours(1)));
        assertThat(buy.signalId()).isEqualTo("TEST-ema-rsi-atr-20260101T000017Z");
        assertThat(buy.reason()).contains("EMA(3) crossed above EMA(6)").contains("RSI(6) 54.81").contains("ATR(4) 0.7962");
    }

    @Test
    void aFastEmaCrossingBelowTheSlowOneIsASellWithStopsOnTheOtherSide() {
        List<Signal> signals = signalsBarByBar(PARAMETERS, INVERTED_V);

        assertThat(signals).hasSize(1);
        Signal sell = signals.get(0);
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.entry()).isEqualByComparingTo("101.5");
        assertThat(sell.stopLoss()).isEqualByComparingTo("102.30");
        assertThat(sell.takeProfit()).isEqualByComparingTo("99.91");
        assertThat(sell.reason()).contains("crossed below").contains("RSI(6) 45.19");
    }

    @Test
    void anOverboughtRsiFiltersTheBuyOut() {
        // The crossing bar's RSI is 54.81: with a ceiling of 50 the market counts as overbought.
        assertThat(signalsBarByBar(parameters("50", "20"), V_SHAPE)).isEmpty();
    }

    @Test
    void anOversoldRsiFiltersTheSellOut() {
        // The crossing bar's RSI is 45.19: with a floor of 50 the market counts as oversold.
        assertThat(signalsBarByBar(parameters("80", "50"), INVERTED_V)).isEmpty();
    }

    @Test
    void aCrossingBeforeTheWarmUpIsNotASignal() {
        // EMA(3) crosses above EMA(6) at bar 4, but the indicators need 7 bars before they mean anything.
        assertThat(signalsBarByBar(PARAMETERS, 100, 99, 98, 99, 100, 101, 101, 101)).isEmpty();
    }

    @Test
    void aFlatMarketGivesNoSignal() {
        double[] flat = new double[40];
        java.util.Arrays.fill(flat, 100);
        assertThat(signalsBarByBar(PARAMETERS, flat)).isEmpty();
    }

    @Test
    void theSameBarsGiveTheSameSignal() {
        assertThat(signalsBarByBar(PARAMETERS, V_SHAPE)).isEqualTo(signalsBarByBar(PARAMETERS, V_SHAPE));
    }

    @Test
    void onlyTheKeptBarsCount() {
        // A series that keeps 17 bars evaluates the V on exactly the bars above: same signal.
        List<Signal> kept = new ArrayList<>();
        PriceSeries series = new PriceSeries("TEST", 17);
        EmaRsiAtrStrategy strategy = new EmaRsiAtrStrategy(PARAMETERS);
        for (int i = 0; i < V_SHAPE.length; i++) {
            series.add(bar(i, V_SHAPE[i]));
            strategy.evaluateLast(series.bars()).ifPresent(kept::add);
        }
        assertThat(kept).isEqualTo(signalsBarByBar(PARAMETERS, V_SHAPE));
    }

    static StrategyParameters parameters(String rsiBuyMax, String rsiSellMin) {
        return new StrategyParameters(3, 6, 6, new BigDecimal(rsiBuyMax), new BigDecimal(rsiSellMin), 4, BigDecimal.ONE,
                new BigDecimal("2"), 2, Duration.ofHours(1));
    }

    /** Adds the closes one bar at a time and evaluates after each, as the service does on every completed bar. */
    static List<Signal> signalsBarByBar(StrategyParameters parameters, double... closes) {
        PriceSeries series = new PriceSeries("TEST", 500);
        EmaRsiAtrStrategy strategy = new EmaRsiAtrStrategy(parameters);
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            series.add(bar(i, closes[i]));
            strategy.evaluateLast(series.bars()).ifPresent(signals::add);
        }
        return signals;
    }

    static Bar bar(int index, double close) {
        BigDecimal price = BigDecimal.valueOf(close);
        return new Bar("TEST", T0.plusSeconds(index), T0.plusSeconds(index + 1L), price, price, price, price, 1);
    }
}
