package io.positrack.position.venue.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.positrack.contracts.position.Side;

class SymbolRulesTest {

    private static SymbolRules ticks(String tick) {
        SymbolRules.Lot lot = new SymbolRules.Lot(new BigDecimal("0.01"), BigDecimal.ZERO, BigDecimal.ZERO);
        return new SymbolRules("EURUSD", new BigDecimal(tick), lot, lot, BigDecimal.ZERO);
    }

    @ParameterizedTest(name = "{0} SL {1} at tick {2} -> {3}")
    @CsvSource({
            // A long's stop is below the market: rounded up, towards it; a short's is above: rounded down.
            "BUY,  1.079994, 0.00001, 1.08",
            "BUY,  1.07999,  0.00001, 1.07999",
            "SELL, 1.080006, 0.00001, 1.08",
            "BUY,  64000.05, 0.10,    64000.1",
            "SELL, 64000.05, 0.10,    64000",
            // a tick of 5
            "BUY,  101,      5,       105",
            "SELL, 101,      5,       100"
    })
    void stopLossRoundsTowardsTheMarket(Side side, String price, String tick, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(ticks(tick).roundStopLoss(side, new BigDecimal(price))));
    }

    @ParameterizedTest(name = "{0} TP {1} at tick {2} -> {3}")
    @CsvSource({
            "BUY,  1.080329, 0.00001, 1.08032",
            "SELL, 1.080321, 0.00001, 1.08033",
            "BUY,  66000.08, 0.10,    66000",
            "SELL, 64000.05, 0.10,    64000.1"
    })
    void takeProfitRoundsTowardsTheMarket(Side side, String price, String tick, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(ticks(tick).roundTakeProfit(side, new BigDecimal(price))));
    }

    @ParameterizedTest(name = "{0} at step {1} -> {2}")
    @CsvSource({ "0.019, 0.01, 0.01", "0.02, 0.01, 0.02", "7, 5, 5", "1.23456789, 0, 1.23456789" })
    void quantityRoundsDown(String quantity, String step, String expected) {
        SymbolRules.Lot lot = new SymbolRules.Lot(new BigDecimal(step), BigDecimal.ZERO, BigDecimal.ZERO);
        SymbolRules rules = new SymbolRules("X", BigDecimal.ZERO, lot, lot, BigDecimal.ZERO);

        assertEquals(0, new BigDecimal(expected).compareTo(rules.roundQuantity(new BigDecimal(quantity))));
    }

    @Test
    void aZeroTickLeavesPricesAsTheyAre() {
        assertEquals(new BigDecimal("1.0800123"), ticks("0").roundStopLoss(Side.BUY, new BigDecimal("1.0800123")));
    }

    @Test
    void negativeFiltersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ticks("-0.1"));
    }
}
