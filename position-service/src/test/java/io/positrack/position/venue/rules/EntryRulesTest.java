package io.positrack.position.venue.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.positrack.contracts.position.Side;
import io.positrack.position.venue.rules.EntryDecision.Refused;
import io.positrack.position.venue.rules.EntryDecision.Rounded;
import io.positrack.position.venue.rules.EntryDecision.Why;

class EntryRulesTest {

    /** BTCUSDT-shaped filters: tick 0.10, step 0.001, min 0.001; market orders at most 120; notional at least 100. */
    private static final SymbolRules BTC = new SymbolRules("BTCUSDT", new BigDecimal("0.10"),
            new SymbolRules.Lot(new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000")),
            new SymbolRules.Lot(new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("120")), new BigDecimal("100"));

    private static BigDecimal d(String s) {
        return s == null || s.isEmpty() ? null : new BigDecimal(s);
    }

    @ParameterizedTest(name = "{0} {1} at {2}, SL {3}, TP {4} -> {5}, SL {6}, TP {7}")
    @CsvSource({
            // side, quantity, price, SL, TP, quantity sent, SL sent, TP sent
            "BUY,  0.0129,  65000, 64000.05, 66000.08, 0.012, 64000.1, 66000",
            "SELL, 0.0129,  65000, 66000.08, 64000.05, 0.012, 66000,   64000.1",
            // already on the grid: unchanged
            "BUY,  0.5,     65000, 64000.1,  66000.1,  0.5,   64000.1, 66000.1",
            // no stops: only the quantity is rounded
            "BUY,  1.23456, 65000, ,         ,         1.234, ,        ",
            // no reference price: the notional is not checked here
            "BUY,  0.001,   ,      64000.01, ,         0.001, 64000.1, ",
            // exactly the market maximum is allowed
            "SELL, 120,     65000, ,         ,         120,   ,        "
    })
    void roundsQuantityDownAndStopsTowardsTheMarket(Side side, String quantity, String price, String sl, String tp,
            String expectedQuantity, String expectedSl, String expectedTp) {
        EntryDecision decision = EntryRules.decide(BTC, side, d(quantity), d(price), d(sl), d(tp));

        Rounded rounded = assertInstanceOf(Rounded.class, decision);
        assertEquals(0, d(expectedQuantity).compareTo(rounded.quantity()), "quantity " + rounded.quantity());
        assertEqualOrBothNull(d(expectedSl), rounded.stopLoss());
        assertEqualOrBothNull(d(expectedTp), rounded.takeProfit());
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
            // rounds down to nothing
            "0.0009,  65000, BELOW_MIN_QUANTITY",
            // the market maximum (120) is below LOT_SIZE's (1000): the stricter one applies
            "120.001, 65000, ABOVE_MAX_QUANTITY",
            "5000,    65000, ABOVE_MAX_QUANTITY",
            // 0.0015 rounds to 0.001: 65 USDT, below 100
            "0.0015,  65000, BELOW_MIN_NOTIONAL",
            // 0.00154 at 65000 would be 100.1, but 0.001 is what is sent
            "0.00154, 65000, BELOW_MIN_NOTIONAL"
    })
    void refusesWhatTheVenueWouldRefuse(String quantity, String price, Why why) {
        EntryDecision decision = EntryRules.decide(BTC, Side.BUY, d(quantity), d(price), null, null);

        Refused refused = assertInstanceOf(Refused.class, decision);
        assertEquals(why, refused.why());
        assertTrue(refused.message().contains("BTCUSDT"), refused.message());
    }

    @Test
    void aNotionalExactlyAtTheMinimumIsAccepted() {
        // 0.002 at 50000 = 100, the minimum itself.
        assertInstanceOf(Rounded.class, EntryRules.decide(BTC, Side.BUY, d("0.002"), d("50000"), null, null));
        assertInstanceOf(Refused.class, EntryRules.decide(BTC, Side.BUY, d("0.002"), d("49999.9"), null, null));
    }

    @Test
    void stopsThatMeetOnceRoundedAreRefused() {
        // Both within one tick: SL rounds up to 64000.1, TP down to 64000.1.
        EntryDecision decision = EntryRules.decide(BTC, Side.BUY, d("0.01"), d("64000"), d("64000.01"), d("64000.19"));

        assertEquals(Why.STOPS_WITHIN_ONE_TICK, assertInstanceOf(Refused.class, decision).why());
    }

    @Test
    void theCoarserOfTheTwoStepsAndTheHigherMinimumApply() {
        SymbolRules rules = new SymbolRules("ETHUSDT", new BigDecimal("0.01"),
                new SymbolRules.Lot(new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("10000")),
                new SymbolRules.Lot(new BigDecimal("0.01"), new BigDecimal("0.02"), new BigDecimal("2000")), BigDecimal.ZERO);

        assertEquals(0, d("0.03").compareTo(((Rounded) EntryRules.decide(rules, Side.BUY, d("0.0399"), null, null, null)).quantity()));
        assertEquals(Why.BELOW_MIN_QUANTITY, ((Refused) EntryRules.decide(rules, Side.BUY, d("0.019"), null, null, null)).why());
    }

    @Test
    void unrestrictedRulesChangeNothing() {
        EntryDecision decision = EntryRules.decide(SymbolRules.unrestricted("EURUSD"), Side.BUY, d("0.123456789"), d("1.08"),
                d("1.079999"), d("1.080321"));

        Rounded rounded = assertInstanceOf(Rounded.class, decision);
        assertEquals(d("0.123456789"), rounded.quantity());
        assertEquals(d("1.079999"), rounded.stopLoss());
        assertEquals(d("1.080321"), rounded.takeProfit());
    }

    private static void assertEqualOrBothNull(BigDecimal expected, BigDecimal actual) {
        if (expected == null) {
            assertEquals(null, actual);
        } else {
            assertEquals(0, expected.compareTo(actual), "expected " + expected + ", was " + actual);
        }
    }
}
