package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;

/** Which trades of a looked-up order are missing from the ledger, and the fill updates they become. */
class MissedTradesTest {

    private static final Instant LOOKED_UP = Instant.parse("2026-12-03T06:00:00Z");
    private static final Instant FIRST = Instant.parse("2026-12-03T05:59:58Z");
    private static final Instant SECOND = Instant.parse("2026-12-03T05:59:59Z");

    private static OrderUpdate found(OrderStatus status, String filled, String average) {
        return new OrderUpdate("acc", "binance-usdm", "FEEUSDT", "pt-7-e-1", "8886774", Side.BUY, status,
                filled == null ? null : new BigDecimal(filled), average == null ? null : new BigDecimal(average), null, "lookup", LOOKED_UP,
                LOOKED_UP, null, null);
    }

    private static VenueTrade trade(String id, String quantity, String price, String commission, Instant at) {
        return new VenueTrade(id, "8886774", new BigDecimal(quantity), new BigDecimal(price), commission == null ? null : new BigDecimal(commission),
                commission == null ? null : "USDT", at);
    }

    private static final List<VenueTrade> TWO_TRADES = List.of(trade("11", "0.25", "200", "0.02", FIRST),
            trade("12", "0.25", "201", "0.0201", SECOND));

    private static Map<String, BigDecimal> recorded(Object... idAndQuantity) {
        Map<String, BigDecimal> m = new HashMap<>();
        for (int i = 0; i < idAndQuantity.length; i += 2) {
            m.put((String) idAndQuantity[i], idAndQuantity[i + 1] == null ? null : new BigDecimal((String) idAndQuantity[i + 1]));
        }
        return m;
    }

    @Test
    void tradesAreListedOnlyWhenTheOrderFilledBeyondTheTradesTheLedgerHolds() {
        OrderUpdate filled = found(OrderStatus.FILLED, "0.5", "200.5");
        assertThat(MissedTrades.worthListing(filled, recorded())).as("no trade seen").isTrue();
        assertThat(MissedTrades.worthListing(filled, recorded("11", "0.25"))).as("one of two seen").isTrue();
        assertThat(MissedTrades.worthListing(filled, recorded("11", "0.25", "12", "0.25"))).as("both seen").isFalse();
        assertThat(MissedTrades.worthListing(filled, recorded("algo-5", null))).as("a trade of unknown size accounts for nothing").isTrue();
        assertThat(MissedTrades.worthListing(found(OrderStatus.NEW, "0", null), recorded())).as("nothing filled").isFalse();
        assertThat(MissedTrades.worthListing(found(OrderStatus.EXPIRED, "0.25", "200"), recorded()))
                .as("ended after a partial fill: that fill was charged too").isTrue();
    }

    @Test
    void eachMissingTradeBecomesTheFillTheStreamWouldHaveSentWithItsCommissionAndTheRunningTotals() {
        List<OrderUpdate> missing = MissedTrades.missing(found(OrderStatus.FILLED, "0.5", "200.5"), TWO_TRADES, recorded());

        assertThat(missing).hasSize(2);
        OrderUpdate first = missing.get(0);
        assertThat(first.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(first.tradeId()).isEqualTo("11");
        assertThat(first.filledQuantity()).isEqualByComparingTo("0.25");
        assertThat(first.averagePrice()).isEqualByComparingTo("200");
        assertThat(first.lastFilledQuantity()).isEqualByComparingTo("0.25");
        assertThat(first.lastFilledPrice()).isEqualByComparingTo("200");
        assertThat(first.commission()).isEqualByComparingTo("0.02");
        assertThat(first.commissionAsset()).isEqualTo("USDT");
        assertThat(first.transactionTime()).isEqualTo(FIRST);
        assertThat(first.eventTime()).isEqualTo(FIRST);
        assertThat(first.clientOrderId()).isEqualTo("pt-7-e-1");
        assertThat(first.venueOrderId()).isEqualTo("8886774");
        assertThat(first.account()).isEqualTo("acc");
        assertThat(first.side()).isEqualTo(Side.BUY);
        assertThat(first.reason()).as("a fill, not a lookup's word").isNull();
        OrderUpdate second = missing.get(1);
        assertThat(second.status()).as("the trade that completes the order").isEqualTo(OrderStatus.FILLED);
        assertThat(second.filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(second.averagePrice()).isEqualByComparingTo("200.5");
        assertThat(second.commission()).isEqualByComparingTo("0.0201");
        assertThat(second.transactionTime()).isEqualTo(SECOND);
    }

    @Test
    void aTradeTheLedgerHoldsIsLeftOutButStillCountsInTheTotalsOfTheNextOne() {
        List<OrderUpdate> missing = MissedTrades.missing(found(OrderStatus.FILLED, "0.5", "200.5"), TWO_TRADES, recorded("11", "0.25"));

        assertThat(missing).singleElement().satisfies(u -> {
            assertThat(u.tradeId()).isEqualTo("12");
            assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(u.filledQuantity()).isEqualByComparingTo("0.5");
            assertThat(u.averagePrice()).isEqualByComparingTo("200.5");
        });
        assertThat(MissedTrades.missing(found(OrderStatus.FILLED, "0.5", "200.5"), TWO_TRADES, recorded("11", "0.25", "12", "0.25")))
                .isEmpty();
    }

    @Test
    void aTradeBeyondWhatTheLookupFoundIsLeftToBeHeardLater() {
        List<OrderUpdate> missing = MissedTrades.missing(found(OrderStatus.PARTIALLY_FILLED, "0.25", "200"), TWO_TRADES, recorded());

        assertThat(missing).singleElement().satisfies(u -> {
            assertThat(u.tradeId()).isEqualTo("11");
            assertThat(u.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        });
    }

    @Test
    void theTradesOfAnOrderThatEndedAfterAPartialFillArePartialFills() {
        List<OrderUpdate> missing = MissedTrades.missing(found(OrderStatus.EXPIRED, "0.25", "200"), TWO_TRADES, recorded());

        assertThat(missing).singleElement().satisfies(u -> {
            assertThat(u.status()).as("the lookup's EXPIRED follows it").isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(u.commission()).isEqualByComparingTo("0.02");
        });
    }

    @Test
    void aTradeWithoutCommissionBooksNoneAndAnOrderThatFilledNothingHasNoTrades() {
        List<OrderUpdate> missing = MissedTrades.missing(found(OrderStatus.FILLED, "1", "10"), List.of(trade("3", "1", "10", "0", FIRST)),
                recorded());
        assertThat(missing).singleElement().satisfies(u -> {
            assertThat(u.commission()).isNull();
            assertThat(u.commissionAsset()).isNull();
        });
        assertThat(MissedTrades.missing(found(OrderStatus.CANCELED, "0", null), TWO_TRADES, recorded())).isEmpty();
    }
}
