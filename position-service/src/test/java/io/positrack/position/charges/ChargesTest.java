package io.positrack.position.charges;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.AssetAmount;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;

class ChargesTest {

    private static final SettlementAssets ASSETS = SettlementAssets.of(List.of("USDT", "USD", "USDC"));

    private static PositionSnapshot closed(String gross) {
        return new PositionSnapshot(3, "acc", "paper", "BTCUSDT", Side.BUY, PositionStatus.CLOSED, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, new BigDecimal("100"), new BigDecimal("110"), null, null, gross == null ? null : new BigDecimal(gross),
                "COMMAND", Origin.COMMAND, null, null, null, 1, 5, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void netIsGrossLessFeesPlusFunding() {
        PositionSnapshot p = Charges.commission(closed("10"), new BigDecimal("0.04"), "USDT", "USDT");
        p = Charges.commission(p, new BigDecimal("0.042"), "USDT", "USDT");
        p = Charges.funding(p, new BigDecimal("-0.01"));

        assertThat(p.grossPnl()).isEqualByComparingTo("10");
        assertThat(p.fees()).isEqualByComparingTo("0.082");
        assertThat(p.funding()).isEqualByComparingTo("-0.01");
        assertThat(p.netPnl()).isEqualByComparingTo("9.908");
        assertThat(p.version()).as("booking gives no version; the transition does").isEqualTo(5);
    }

    @Test
    void aCommissionInAnotherAssetIsKeptApartAndLeftOutOfNet() {
        PositionSnapshot p = Charges.commission(closed("10"), new BigDecimal("0.0001"), "BNB", "USDT");
        p = Charges.commission(p, new BigDecimal("0.0002"), "BNB", "USDT");
        p = Charges.commission(p, new BigDecimal("0.5"), "AAA", "USDT");

        assertThat(p.fees()).isNull();
        assertThat(p.otherFees()).containsExactly(new AssetAmount("AAA", new BigDecimal("0.5")), new AssetAmount("BNB", new BigDecimal("0.0003")));
        assertThat(p.netPnl()).isEqualByComparingTo("10");
    }

    @Test
    void aRebateRaisesNetAndNoChargeIsNoChange() {
        PositionSnapshot base = closed("10");
        assertThat(Charges.commission(base, new BigDecimal("-0.01"), "USDT", "USDT").netPnl()).isEqualByComparingTo("10.01");
        assertThat(Charges.changed(base, Charges.commission(base, null, null, "USDT"))).isFalse();
        assertThat(Charges.changed(base, Charges.commission(base, BigDecimal.ZERO, "USDT", "USDT"))).isFalse();
        assertThat(Charges.changed(base, Charges.funding(base, BigDecimal.ZERO))).isFalse();
    }

    @Test
    void anOpenPositionWithFeesOnlyHasANegativeNetAndNothingAtAllHasNone() {
        assertThat(Charges.commission(closed(null), new BigDecimal("0.2"), "USDT", "USDT").netPnl()).isEqualByComparingTo("-0.2");
        assertThat(closed(null).netPnl()).isNull();
    }

    @Test
    void theSettlementAssetIsTheLongestConfiguredEndOfTheSymbol() {
        assertThat(ASSETS.of("BTCUSDT")).isEqualTo("USDT");
        assertThat(ASSETS.of("ETHUSDC")).isEqualTo("USDC");
        assertThat(ASSETS.of("EURUSD")).isEqualTo("USD");
        assertThat(ASSETS.of("BTC-USDT")).isEqualTo("USDT");
        assertThat(ASSETS.of("XAUEUR")).isNull();
        assertThat(ASSETS.of("USDT")).as("an asset alone is no symbol").isNull();
    }
}
