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
