package io.positrack.contracts.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.venue.OrderUpdate;

class PositionSnapshotJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static PositionSnapshot closed() {
        return new PositionSnapshot(7, "acc", "paper", "BTCUSDT", Side.BUY, PositionStatus.CLOSED, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, new BigDecimal("100"), new BigDecimal("110"), null, null, new BigDecimal("10"), "COMMAND", Origin.COMMAND,
                null, null, null, 1, 6, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, new BigDecimal("0.082"), new BigDecimal("-0.01"),
                List.of(new AssetAmount("BNB", new BigDecimal("0.0003"))), null, null);
    }

    @Test
    void grossFeesFundingAndNetTravelAsDecimalStrings() throws Exception {
        String text = JSON.writeValueAsString(closed());

        assertThat(text).contains("\"grossPnl\":\"10\"", "\"fees\":\"0.082\"", "\"funding\":\"-0.01\"", "\"netPnl\":\"9.908\"",
                "\"otherFees\":[{\"asset\":\"BNB\",\"amount\":\"0.0003\"}]");
        PositionSnapshot read = JSON.readValue(text, PositionSnapshot.class);
        assertThat(read.netPnl()).isEqualByComparingTo("9.908");
        assertThat(read.otherFees()).containsExactly(new AssetAmount("BNB", new BigDecimal("0.0003")));
    }

    @Test
    void anAbsurdPartMakesNetUnknownInsteadOfFailingTheRead() throws Exception {
        String text = JSON.writeValueAsString(closed()).replace("\"realizedPnl\":\"10\"", "\"realizedPnl\":\"1e2147483647\"");
        PositionSnapshot read = JSON.readValue(text, PositionSnapshot.class);
        assertThat(read.netPnl()).isNull();
        assertThat(NetPnl.of(new BigDecimal("1e-2147483647"), BigDecimal.ONE, null)).isNull();
        assertThat(NetPnl.of(null, new BigDecimal("0.5"), null)).isEqualByComparingTo("-0.5");
    }

    @Test
    void netIsDerivedWhateverTheProducerWrote() throws Exception {
        String text = JSON.writeValueAsString(closed()).replace("\"netPnl\":\"9.908\"", "\"netPnl\":\"1000000\"");
        assertThat(JSON.readValue(text, PositionSnapshot.class).netPnl()).isEqualByComparingTo("9.908");
    }

    @Test
    void aSnapshotWrittenBeforeFeesExistedReadsWithItsGrossAsNet() throws Exception {
        String old = JSON.writeValueAsString(closed()).replaceAll(",\"(fees|funding|grossPnl|netPnl)\":\"[^\"]*\"", "")
                .replaceAll(",\"otherFees\":\\[[^\\]]*\\]", "");
        assertThat(old).doesNotContain("fees", "funding", "netPnl");
        PositionSnapshot read = JSON.readValue(old, PositionSnapshot.class);
        assertThat(read.fees()).isNull();
        assertThat(read.grossPnl()).isEqualByComparingTo("10");
        assertThat(read.netPnl()).isEqualByComparingTo("10");
    }

    @Test
    void anOrderUpdateCarriesItsCommissionAndOldOnesReadWithout() throws Exception {
        OrderUpdate u = new OrderUpdate("acc", "paper", "BTCUSDT", "pt-1-e-1", null, Side.BUY, io.positrack.contracts.venue.OrderStatus.FILLED,
                BigDecimal.ONE, BigDecimal.TEN, "t1", null, Instant.EPOCH, Instant.EPOCH, BigDecimal.ONE, BigDecimal.TEN)
                .withCommission(new BigDecimal("0.004"), "USDT");
        String text = JSON.writeValueAsString(u);
        assertThat(text).contains("\"commission\":\"0.004\"", "\"commissionAsset\":\"USDT\"");
        assertThat(text).as("isFill() is derived, no field of the contract").doesNotContain("\"fill\"");
        ObjectMapper reader = JSON.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertThat(reader.readValue(text, OrderUpdate.class)).isEqualTo(u);
        OrderUpdate old = reader.readValue(text.replace(",\"commission\":\"0.004\",\"commissionAsset\":\"USDT\"", ""), OrderUpdate.class);
        assertThat(old.commission()).isNull();
    }
}
