package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.venue.VenueTrade;
import io.smallrye.mutiny.Uni;

/**
 * When a filled stop loss or take profit is published, and with which trades: the trades first when the list comes in
 * time, the fill alone after the wait and the trades later, the fill alone when the list never comes; never the fill
 * twice. The lists here are made by hand, with short waits.
 */
class ConditionalFillTradesTest {

    private static final Duration WAIT = Duration.ofMillis(300);
    private static final Duration BACKOFF = Duration.ofMillis(20);
    private static final Instant TRIGGERED = Instant.parse("2026-12-03T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<OrderUpdate> published = new CopyOnWriteArrayList<>();

    @Test
    void onlyAFillNamingItsMatchingEngineOrderHasTradesToList() {
        assertThat(ConditionalFillTrades.named(fill("0.5", "8886776"))).isTrue();
        assertThat(ConditionalFillTrades.named(fill("0.5", null))).as("ai was empty").isFalse();
        OrderUpdate cancelled = new OrderUpdate("binance-test", BinanceVenue.NAME, "TPUSDT", "pt-7-tp-1", "2148719", Side.SELL,
                OrderStatus.CANCELED, BigDecimal.ZERO, null, null, null, TRIGGERED, TRIGGERED, null, null);
        assertThat(ConditionalFillTrades.named(cancelled)).isFalse();
    }

    @Test
    void theListedTradesBecomeTheUpdatesTheStreamWouldHaveSentWithTheirCommissions() {
        OrderUpdate fill = fill("0.5", "8886776");

        List<OrderUpdate> updates = ConditionalFillTrades.updates(fill, List.of(trade("101", "0.2", "210", "0.0168"),
                trade("102", "0.3", "210.5", "0.02526"))).orElseThrow();

        assertThat(updates).hasSize(2);
        assertThat(updates.get(0)).satisfies(u -> {
            assertThat(u.clientOrderId()).isEqualTo("pt-7-tp-1");
            assertThat(u.venueOrderId()).isEqualTo("8886776");
            assertThat(u.tradeId()).isEqualTo("101");
            assertThat(u.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(u.filledQuantity()).isEqualByComparingTo("0.2");
            assertThat(u.lastFilledPrice()).isEqualByComparingTo("210");
            assertThat(u.commission()).isEqualByComparingTo("0.0168");
            assertThat(u.commissionAsset()).isEqualTo("USDT");
        });
        assertThat(updates.get(1)).satisfies(u -> {
            assertThat(u.tradeId()).isEqualTo("102");
            assertThat(u.status()).as("the trade that completes the fill").isEqualTo(OrderStatus.FILLED);
            assertThat(u.filledQuantity()).isEqualByComparingTo("0.5");
            // (0.2 × 210 + 0.3 × 210.5) / 0.5 = 210.3
            assertThat(u.averagePrice()).isEqualByComparingTo("210.3");
            assertThat(u.commission()).isEqualByComparingTo("0.02526");
        });
    }

    @Test
    void aListThatDoesNotHoldTheWholeFillYetIsNotTaken() {
        assertThat(ConditionalFillTrades.updates(fill("0.5", "8886776"), List.of(trade("101", "0.2", "210", "0.0168")))).isEmpty();
        assertThat(ConditionalFillTrades.updates(fill("0.5", "8886776"), List.of())).isEmpty();
    }

    @Test
    void tradesListedInTimeArePublishedBeforeTheFill() {
        OrderUpdate fill = fill("0.5", "8886776");
        fills(f -> Uni.createFrom().item(List.of(trade("101", "0.5", "210", "0.042")))).publish(fill, published::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(published.get(0).tradeId()).isEqualTo("101");
        assertThat(published.get(0).commission()).isEqualByComparingTo("0.042");
        assertThat(published.get(1)).isEqualTo(fill);
        assertThat(count("listed")).isEqualTo(1);
        await().during(WAIT.multipliedBy(2)).atMost(WAIT.multipliedBy(3)).until(() -> published.size() == 2);
        assertThat(count("retrying")).as("the wait found the fill sent").isZero();
    }

    @Test
    void aListSlowerThanTheWaitLetsTheFillGoFirstAndItsTradesFollow() {
        OrderUpdate fill = fill("0.5", "8886776");
        fills(f -> Uni.createFrom().item(List.of(trade("101", "0.5", "210", "0.042"))).onItem().delayIt().by(WAIT.multipliedBy(3)))
                .publish(fill, published::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(published.get(0)).as("the close does not wait for the list").isEqualTo(fill);
        assertThat(count("retrying")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(published.get(1).tradeId()).as("booked late, on the closed position").isEqualTo("101");
        assertThat(count("listed_late")).isEqualTo(1);
        assertThat(published).filteredOn(u -> u.equals(fill)).as("the fill once").hasSize(1);
    }

    @Test
    void aListThatFailsTwiceAndThenAnswersInTimeStillGoesFirst() {
        AtomicInteger asked = new AtomicInteger();
        OrderUpdate fill = fill("0.5", "8886776");
        fills(f -> asked.incrementAndGet() <= 2 ? Uni.createFrom().failure(new BinanceException("HTTP 503"))
                : Uni.createFrom().item(List.of(trade("101", "0.5", "210", "0.042")))).publish(fill, published::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(published.get(0).tradeId()).isEqualTo("101");
        assertThat(published.get(1)).isEqualTo(fill);
        assertThat(asked).hasValue(3);
    }

    @Test
    void aListThatNeverAnswersDoesNotHoldTheFillAndIsCountedFailed() {
        AtomicInteger asked = new AtomicInteger();
        OrderUpdate fill = fill("0.5", "8886776");
        fills(f -> {
            asked.incrementAndGet();
            return Uni.createFrom().failure(new BinanceException("HTTP 503"));
        }).publish(fill, published::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> count("failed") == 1);
        assertThat(published).containsExactly(fill);
        assertThat(asked).as("the first ask and 3 retries").hasValue(1 + ConditionalFillTrades.RETRIES);
    }

    @Test
    void aListThatStaysShortOfTheFillIsAskedAgainAndThenCountedFailed() {
        AtomicInteger asked = new AtomicInteger();
        OrderUpdate fill = fill("0.5", "8886776");
        fills(f -> {
            asked.incrementAndGet();
            return Uni.createFrom().item(List.of(trade("101", "0.2", "210", "0.0168")));
        }).publish(fill, published::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> count("failed") == 1);
        assertThat(published).as("a part of the fill's trades is not published as if it were all").containsExactly(fill);
        assertThat(asked).hasValue(1 + ConditionalFillTrades.RETRIES);
    }

    @Test
    void aFillNamingNoOrderIsPublishedAtOnceWithoutAList() {
        AtomicInteger asked = new AtomicInteger();
        OrderUpdate fill = fill("0.5", null);
        fills(f -> {
            asked.incrementAndGet();
            return Uni.createFrom().item(List.of());
        }).publish(fill, published::add);

        assertThat(published).containsExactly(fill);
        assertThat(asked).hasValue(0);
        assertThat(count("not_named")).isEqualTo(1);
    }

    private ConditionalFillTrades fills(ConditionalFillTrades.Lister lister) {
        return new ConditionalFillTrades(lister, registry, WAIT, BACKOFF);
    }

    private double count(String outcome) {
        return registry.counter(ConditionalFillTrades.METRIC, "outcome", outcome).count();
    }

    private static OrderUpdate fill(String quantity, String matchingOrder) {
        return new OrderUpdate("binance-test", BinanceVenue.NAME, "TPUSDT", "pt-7-tp-1", matchingOrder, Side.SELL, OrderStatus.FILLED,
                new BigDecimal(quantity), new BigDecimal("210"), "algo-2148719", null, TRIGGERED, TRIGGERED, null, null);
    }

    private static VenueTrade trade(String id, String quantity, String price, String commission) {
        return new VenueTrade(id, "8886776", new BigDecimal(quantity), new BigDecimal(price), new BigDecimal(commission), "USDT",
                TRIGGERED.plusMillis(1));
    }
}
