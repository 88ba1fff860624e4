package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.position.Side;
import io.positrack.position.venue.rules.EntryDecision;
import io.positrack.position.venue.rules.EntryRules;
import io.positrack.position.venue.rules.SymbolRules;

class ExchangeInfoTest {

    private static JsonNode fixture() throws Exception {
        try (InputStream in = ExchangeInfoTest.class.getResourceAsStream("/binance/exchange-info.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void readsTheFiltersOfTradingSymbols() throws Exception {
        Map<String, SymbolRules> rules = ExchangeInfo.rules(fixture());

        assertThat(rules).containsOnlyKeys("BLZUSDT");
        SymbolRules blz = rules.get("BLZUSDT");
        assertThat(blz.tickSize()).isEqualByComparingTo("0.0001");
        assertThat(blz.lot().stepSize()).isEqualByComparingTo("1");
        assertThat(blz.lot().maxQty()).isEqualByComparingTo("10000000");
        assertThat(blz.marketLot().maxQty()).isEqualByComparingTo("590119");
        assertThat(blz.minQty()).isEqualByComparingTo("1");
        assertThat(blz.maxQty()).as("the market maximum is the stricter").isEqualByComparingTo("590119");
        assertThat(blz.minNotional()).isEqualByComparingTo("5.0");
        assertThat(blz.prices().minPrice()).isEqualByComparingTo("0.0001");
        assertThat(blz.prices().maxPrice()).isEqualByComparingTo("300");
        assertThat(blz.prices().multiplierUp()).isEqualByComparingTo("1.15");
        assertThat(blz.prices().multiplierDown()).isEqualByComparingTo("0.85");
    }

    /** PERCENT_PRICE (1.15 / 0.85) and PRICE_FILTER (0.0001 to 300) of the documented BLZUSDT, against a mark of 0.05. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} reference {1}, stop loss {2}, take profit {3} -> {4}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", value = {
            "BUY,  0.0575, -,      -,   ROUNDED",
            "BUY,  0.0576, -,      -,   PRICE_OUTSIDE_PERCENT_BAND",
            "SELL, 0.0425, -,      -,   ROUNDED",
            "SELL, 0.0424, -,      -,   PRICE_OUTSIDE_PERCENT_BAND",
            "BUY,  -,      -,      -,   ROUNDED",
            "BUY,  0.05,   0.04,   301, PRICE_OUT_OF_LIMITS",
            "SELL, 0.05,   301,    0.04, PRICE_OUT_OF_LIMITS",
            "BUY,  0.05,   0.04,   0.2, ROUNDED" })
    void thePercentBandAndThePriceLimitsOfTheDocumentedSymbol(Side side, BigDecimal reference, BigDecimal stopLoss, BigDecimal takeProfit,
            String expected) throws Exception {
        SymbolRules blz = ExchangeInfo.rules(fixture()).get("BLZUSDT");
        EntryDecision d = EntryRules.decide(blz, side, new BigDecimal("200"), reference, stopLoss, takeProfit, new BigDecimal("0.05"));
        if (expected.equals("ROUNDED")) {
            assertThat(d).isInstanceOf(EntryDecision.Rounded.class);
        } else {
            assertThat(d).isInstanceOfSatisfying(EntryDecision.Refused.class, r -> {
                assertThat(r.why()).isEqualTo(EntryDecision.Why.valueOf(expected));
                assertThat(r.message()).contains("BLZUSDT");
            });
        }
    }

    @Test
    void withoutAMarkPriceTheBandIsLeftToTheVenue() throws Exception {
        SymbolRules blz = ExchangeInfo.rules(fixture()).get("BLZUSDT");
        assertThat(EntryRules.decide(blz, Side.BUY, new BigDecimal("200"), new BigDecimal("0.09"), null, null, null))
                .isInstanceOf(EntryDecision.Rounded.class);
    }

    @Test
    void theDocumentedFiltersRoundAndRefuse() throws Exception {
        SymbolRules blz = ExchangeInfo.rules(fixture()).get("BLZUSDT");

        EntryDecision.Rounded rounded = (EntryDecision.Rounded) EntryRules.decide(blz, Side.BUY, new BigDecimal("100.7"),
                new BigDecimal("0.0512"), new BigDecimal("0.050041"), new BigDecimal("0.055559"));
        assertThat(rounded.quantity()).isEqualByComparingTo("100");
        assertThat(rounded.stopLoss()).isEqualByComparingTo("0.0501");
        assertThat(rounded.takeProfit()).isEqualByComparingTo("0.0555");
        // 97 BLZ at 0.0512 is 4.97 USDT, below the 5.0 minimum.
        assertThat(EntryRules.decide(blz, Side.BUY, new BigDecimal("97.9"), new BigDecimal("0.0512"), null, null))
                .isInstanceOfSatisfying(EntryDecision.Refused.class,
                        r -> assertThat(r.why()).isEqualTo(EntryDecision.Why.BELOW_MIN_NOTIONAL));
        assertThat(EntryRules.decide(blz, Side.SELL, new BigDecimal("590120"), new BigDecimal("0.0512"), null, null))
                .isInstanceOfSatisfying(EntryDecision.Refused.class,
                        r -> assertThat(r.why()).isEqualTo(EntryDecision.Why.ABOVE_MAX_QUANTITY));
    }

    @Test
    void aSymbolWithoutAFilterHasNone() throws Exception {
        JsonNode bare = new ObjectMapper().readTree("{\"symbols\":[{\"symbol\":\"XUSDT\",\"status\":\"TRADING\",\"filters\":[]}]}");

        SymbolRules x = ExchangeInfo.rules(bare).get("XUSDT");

        assertThat(x.tickSize()).isZero();
        assertThat(x.stepSize()).isZero();
        assertThat(x.minNotional()).isZero();
    }
}
