package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;

/** Every event and answer the adapter reads, parsed from the examples of Binance's documentation. */
class BinanceMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "acc";
    private static final String VENUE = "binance-usdm";

    private static JsonNode fixture(String name) throws Exception {
        return JSON.readTree(BinanceMessagesTest.class.getResourceAsStream("/binance/" + name));
    }

    @Test
    void anOrderTradeUpdateCarriesStatusIdsAndBothVenueTimes() throws Exception {
        OrderUpdate u = BinanceMessages.orderTradeUpdate(fixture("order-trade-update.json"), ACCOUNT, VENUE);

        assertThat(u.symbol()).isEqualTo("BTCUSDT");
        assertThat(u.clientOrderId()).isEqualTo("TEST");
        assertThat(u.venueOrderId()).isEqualTo("8886774");
        assertThat(u.side()).isEqualTo(Side.SELL);
        assertThat(u.status()).isEqualTo(OrderStatus.NEW);
        assertThat(u.filledQuantity()).isEqualByComparingTo("0");
        assertThat(u.averagePrice()).as("ap 0 is no price").isNull();
        assertThat(u.tradeId()).as("not a trade").isNull();
        assertThat(u.lastFilledQuantity()).isNull();
        assertThat(u.eventTime()).isEqualTo(Instant.ofEpochMilli(1568879465651L));
        assertThat(u.transactionTime()).isEqualTo(Instant.ofEpochMilli(1568879465650L));
        assertThat(u.venue()).isEqualTo(VENUE);
        assertThat(u.account()).isEqualTo(ACCOUNT);
    }

    @Test
    void aTradeOfTheSameEventIsAFillWithCumulativeAverageAndLastFillFields() throws Exception {
        ObjectNode event = (ObjectNode) fixture("order-trade-update.json");
        ObjectNode o = (ObjectNode) event.get("o");
        o.put("x", "TRADE").put("X", "PARTIALLY_FILLED").put("l", "0.0004").put("L", "7103.5").put("z", "0.0006").put("ap", "7103.2")
                .put("t", 12345);

        OrderUpdate u = BinanceMessages.orderTradeUpdate(event, ACCOUNT, VENUE);

        assertThat(u.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(u.filledQuantity()).isEqualByComparingTo("0.0006");
        assertThat(u.averagePrice()).isEqualByComparingTo("7103.2");
        assertThat(u.lastFilledQuantity()).isEqualByComparingTo("0.0004");
        assertThat(u.lastFilledPrice()).isEqualByComparingTo("7103.5");
        assertThat(u.tradeId()).isEqualTo("12345");
        assertThat(u.isFill()).isTrue();
    }

    @Test
    void aTradeCarriesItsOwnCommissionAndAssetAndAZeroCommissionIsNone() throws Exception {
        ObjectNode event = (ObjectNode) fixture("order-trade-update.json");
        ObjectNode o = (ObjectNode) event.get("o");
        o.put("x", "TRADE").put("X", "FILLED").put("l", "0.001").put("L", "7103.5").put("z", "0.001").put("ap", "7103.5").put("t", 7)
                .put("n", "0.00284140").put("N", "USDT");
        OrderUpdate charged = BinanceMessages.orderTradeUpdate(event, ACCOUNT, VENUE);
        assertThat(charged.commission()).isEqualByComparingTo("0.0028414");
        assertThat(charged.commissionAsset()).isEqualTo("USDT");

        o.put("n", "0.00000512").put("N", "BNB");
        assertThat(BinanceMessages.orderTradeUpdate(event, ACCOUNT, VENUE).commissionAsset()).isEqualTo("BNB");

        // The documentation's example is no trade and shows "n": "0": no commission at all.
        OrderUpdate documented = BinanceMessages.orderTradeUpdate(fixture("order-trade-update.json"), ACCOUNT, VENUE);
        assertThat(documented.commission()).isNull();
        assertThat(documented.commissionAsset()).isNull();
    }

    @Test
    void aFundingAccountUpdateNamesNoPositionAndTheIncomeHistoryNamesTheSymbol() throws Exception {
        JsonNode funding = fixture("account-update-funding.json");
        assertThat(BinanceMessages.isFunding(funding)).isTrue();
        assertThat(BinanceMessages.accountUpdate(funding, ACCOUNT, VENUE)).as("a crossed position's funding carries the balance only").isEmpty();
        assertThat(BinanceMessages.isFunding(fixture("account-update.json"))).isFalse();

        var payments = BinanceMessages.fundingIncome(fixture("income-history.json"), ACCOUNT, VENUE);
        assertThat(payments).singleElement().satisfies(p -> {
            assertThat(p.paymentId()).isEqualTo("binance-funding:9689322394");
            assertThat(p.symbol()).isEqualTo("BTCUSDT");
            assertThat(p.amount()).isEqualByComparingTo("-0.012313");
            assertThat(p.asset()).isEqualTo("USDT");
            assertThat(p.time()).isEqualTo(java.time.Instant.ofEpochMilli(1570636800000L));
            assertThat(p.type()).isEqualTo(io.positrack.contracts.venue.FundingPayment.TYPE);
        });
    }

    @Test
    void theAccountTradeListGivesTheOrdersTradesOldestFirstEachWithItsCommissionAsACost() throws Exception {
        var trades = BinanceMessages.userTrades(fixture("user-trades.json"), "25851813");

        assertThat(trades).extracting(io.positrack.position.venue.VenueTrade::tradeId).as("of that order, oldest first")
                .containsExactly("698758", "698759");
        var documented = trades.get(1);
        assertThat(documented.venueOrderId()).isEqualTo("25851813");
        assertThat(documented.quantity()).isEqualByComparingTo("0.002");
        assertThat(documented.price()).isEqualByComparingTo("7819.01");
        assertThat(documented.commission()).as("the page's negative commission is a taker's cost").isEqualByComparingTo("0.0781901");
        assertThat(documented.commissionAsset()).isEqualTo("USDT");
        assertThat(documented.time()).isEqualTo(Instant.ofEpochMilli(1569514978020L));
        assertThat(trades.get(0).commission()).isEqualByComparingTo("0.0031276");
        assertThat(BinanceMessages.userTrades(fixture("user-trades.json"), "25851814")).singleElement()
                .satisfies(t -> assertThat(t.commission()).as("0 is none").isNull());
    }

    @Test
    void anAccountTradeListReadInPartIsRefusedNotShortened() throws Exception {
        ArrayNode list = (ArrayNode) fixture("user-trades.json");
        ((ObjectNode) list.get(0)).remove("qty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BinanceMessages.userTrades(list, "25851813"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BinanceMessages.userTrades(JSON.readTree("{\"code\":-1}"), "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiredInMatchIsExpired() throws Exception {
        ObjectNode event = (ObjectNode) fixture("order-trade-update.json");
        ((ObjectNode) event.get("o")).put("x", "EXPIRED").put("X", "EXPIRED_IN_MATCH");

        assertThat(BinanceMessages.orderTradeUpdate(event, ACCOUNT, VENUE).status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void anAccountUpdateReportsEachOneWayPositionAsOfItsTransactionTime() throws Exception {
        List<VenuePositionReport> reports = BinanceMessages.accountUpdate(fixture("account-update.json"), ACCOUNT, VENUE);

        // The example's LONG and SHORT lines are hedge mode: not ours.
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo("BTCUSDT");
            assertThat(r.flat()).isTrue();
            assertThat(r.side()).isNull();
            assertThat(r.complete()).isTrue();
            assertThat(r.asOf()).isEqualTo(Instant.ofEpochMilli(1564745798938L));
            assertThat(r.reportId()).isEqualTo("binance-au:BTCUSDT:1564745798938:1564745798939");
        });
    }

    @Test
    void aShortPositionInAnAccountUpdateIsASellOfItsAbsoluteAmount() throws Exception {
        ObjectNode event = (ObjectNode) fixture("account-update.json");
        ObjectNode p = (ObjectNode) event.get("a").get("P").get(0);
        p.put("pa", "-1.500").put("ep", "6563.86000");

        VenuePositionReport r = BinanceMessages.accountUpdate(event, ACCOUNT, VENUE).get(0);

        assertThat(r.side()).isEqualTo(Side.SELL);
        assertThat(r.quantity()).isEqualByComparingTo("1.5");
        assertThat(r.entryPrice()).isEqualByComparingTo("6563.86");
    }

    @Test
    void aCancelledAlgoUpdateIsTheConditionalOrdersCancellationWithItsReason() throws Exception {
        Optional<OrderUpdate> u = BinanceMessages.algoUpdate(fixture("algo-update.json"), ACCOUNT, VENUE);

        assertThat(u).hasValueSatisfying(o -> {
            assertThat(o.clientOrderId()).isEqualTo("Q5xaq5EGKgXXa0fD7fs0Ip");
            assertThat(o.venueOrderId()).isEqualTo("2148719");
            assertThat(o.symbol()).isEqualTo("BNBUSDT");
            assertThat(o.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(o.reason()).isEqualTo("Reduce Only reject");
            assertThat(o.eventTime()).isEqualTo(Instant.ofEpochMilli(1750515742303L));
            assertThat(o.transactionTime()).isEqualTo(Instant.ofEpochMilli(1750515742297L));
        });
    }

    @Test
    void aFinishedAlgoUpdateWithAnExecutedQuantityIsAFillAsOfItsTriggerTime() throws Exception {
        ObjectNode event = (ObjectNode) fixture("algo-update.json");
        ((ObjectNode) event.get("o")).put("X", "FINISHED").put("ai", "8886776").put("ap", "751.20000").put("aq", "0.01000").put("tt", 1750515742290L);

        OrderUpdate u = BinanceMessages.algoUpdate(event, ACCOUNT, VENUE).orElseThrow();

        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledQuantity()).isEqualByComparingTo("0.01");
        assertThat(u.averagePrice()).isEqualByComparingTo("751.2");
        assertThat(u.tradeId()).isEqualTo("algo-2148719");
        assertThat(u.transactionTime()).isEqualTo(Instant.ofEpochMilli(1750515742290L));
        assertThat(u.venueOrderId()).as("the matching engine's order its trigger placed, whose trades carry the commission")
                .isEqualTo("8886776");
        assertThat(u.commission()).as("ALGO_UPDATE carries no commission").isNull();
    }

    @Test
    void aFinishedAlgoUpdateWithAnEmptyActualOrderIdNamesNoOrder() throws Exception {
        ObjectNode event = (ObjectNode) fixture("algo-update.json");
        ((ObjectNode) event.get("o")).put("X", "FINISHED").put("ap", "751.20000").put("aq", "0.01000").put("tt", 1750515742290L);
        assertThat(((ObjectNode) event.get("o")).get("ai").asText()).as("the documented example's empty ai").isEmpty();

        OrderUpdate u = BinanceMessages.algoUpdate(event, ACCOUNT, VENUE).orElseThrow();

        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.venueOrderId()).isNull();
    }

    @Test
    void anAlgoUpdateThatDidNotFillKeepsTheAlgoOrdersOwnId() throws Exception {
        ObjectNode event = (ObjectNode) fixture("algo-update.json");
        ((ObjectNode) event.get("o")).put("X", "NEW").put("ai", "8886776");

        assertThat(BinanceMessages.algoUpdate(event, ACCOUNT, VENUE)).hasValueSatisfying(u -> assertThat(u.venueOrderId()).isEqualTo("2148719"));
    }

    @Test
    void aFinishedAlgoUpdateWithNothingExecutedIsACancellation() throws Exception {
        ObjectNode event = (ObjectNode) fixture("algo-update.json");
        ((ObjectNode) event.get("o")).put("X", "FINISHED");

        assertThat(BinanceMessages.algoUpdate(event, ACCOUNT, VENUE)).hasValueSatisfying(u -> assertThat(u.status()).isEqualTo(OrderStatus.CANCELED));
    }

    @Test
    void triggeringAndTriggeredSayNothingPositrackActsOn() throws Exception {
        for (String status : List.of("TRIGGERING", "TRIGGERED")) {
            ObjectNode event = (ObjectNode) fixture("algo-update.json");
            ((ObjectNode) event.get("o")).put("X", status);
            assertThat(BinanceMessages.algoUpdate(event, ACCOUNT, VENUE)).as(status).isEmpty();
        }
    }

    @Test
    void listenKeyExpiredIsRecognisedWithItsStringEventTime() throws Exception {
        assertThat(BinanceMessages.isListenKeyExpired(fixture("listen-key-expired.json"))).isTrue();
        assertThat(BinanceMessages.isListenKeyExpired(fixture("order-trade-update.json"))).isFalse();
    }

    @Test
    void aQueriedOrderIsItsStateAsOfItsUpdateTime() throws Exception {
        OrderUpdate u = BinanceMessages.order(fixture("query-order.json"), ACCOUNT, VENUE);

        assertThat(u.clientOrderId()).isEqualTo("abc");
        assertThat(u.venueOrderId()).isEqualTo("1573346959");
        assertThat(u.status()).isEqualTo(OrderStatus.NEW);
        assertThat(u.side()).isEqualTo(Side.BUY);
        assertThat(u.filledQuantity()).isEqualByComparingTo("0");
        assertThat(u.averagePrice()).isNull();
        assertThat(u.transactionTime()).isEqualTo(Instant.ofEpochMilli(1579276756075L));
    }

    @Test
    void aFilledQueriedOrderCarriesExecutedQuantityAndAveragePrice() throws Exception {
        ObjectNode o = (ObjectNode) fixture("query-order.json");
        o.put("status", "FILLED").put("executedQty", "0.40").put("avgPrice", "9301.50000");

        OrderUpdate u = BinanceMessages.order(o, ACCOUNT, VENUE);

        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledQuantity()).isEqualByComparingTo("0.4");
        assertThat(u.averagePrice()).isEqualByComparingTo("9301.5");
    }

    @Test
    void aQueriedAlgoOrderIsItsState() throws Exception {
        OrderUpdate u = BinanceMessages.algoOrder(fixture("query-algo-order.json"), Optional.empty(), ACCOUNT, VENUE);

        assertThat(u.clientOrderId()).isEqualTo("6B2I9XVcJpCjqPAJ4YoFX7");
        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.transactionTime()).isEqualTo(Instant.ofEpochMilli(1750514545091L));
    }

    @Test
    void aFinishedAlgoOrderIsFilledAsItsMatchingEngineOrderSays() throws Exception {
        ObjectNode algo = (ObjectNode) fixture("query-algo-order.json");
        algo.put("algoStatus", "FINISHED").put("actualOrderId", "1573346959");
        ObjectNode matched = (ObjectNode) fixture("query-order.json");
        matched.put("status", "FILLED").put("executedQty", "0.01").put("avgPrice", "749.1").put("updateTime", 1750514545000L);

        OrderUpdate u = BinanceMessages.algoOrder(algo, Optional.of(matched), ACCOUNT, VENUE);

        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledQuantity()).isEqualByComparingTo("0.01");
        assertThat(u.averagePrice()).isEqualByComparingTo("749.1");
        assertThat(u.transactionTime()).isEqualTo(Instant.ofEpochMilli(1750514545000L));
        assertThat(u.venueOrderId()).as("the matching engine's order (actualOrderId), whose trades are listed").isEqualTo("1573346959");
    }

    @Test
    void aQueriedAlgoOrderThatDidNotFillKeepsItsAlgoId() throws Exception {
        assertThat(BinanceMessages.algoOrder(fixture("query-algo-order.json"), Optional.empty(), ACCOUNT, VENUE).venueOrderId())
                .isEqualTo("2146760");
    }

    @Test
    void aWorkingAlgoOrderIsNew() throws Exception {
        JsonNode algo = fixture("new-algo-order.json");

        assertThat(BinanceMessages.algoOrder(algo, Optional.empty(), ACCOUNT, VENUE).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void currentOpenOrdersGiveEachRegularOrderWithItsOriginalQuantityAndNoTrigger() throws Exception {
        assertThat(BinanceMessages.openOrders(fixture("open-orders.json"), ACCOUNT, VENUE)).singleElement().satisfies(o -> {
            assertThat(o.symbol()).isEqualTo("BTCUSDT");
            assertThat(o.clientOrderId()).isEqualTo("abc");
            assertThat(o.side()).isEqualTo(Side.BUY);
            assertThat(o.type()).as("TRAILING_STOP_MARKET is not a type Positrack places").isNull();
            assertThat(o.quantity()).isEqualByComparingTo("0.40");
            assertThat(o.triggerPrice()).isNull();
            assertThat(o.reduceOnly()).isFalse();
            assertThat(o.positrackId()).isEmpty();
            assertThat(o.account()).isEqualTo(ACCOUNT);
            assertThat(o.venue()).isEqualTo(VENUE);
        });
    }

    @Test
    void currentAlgoOpenOrdersGiveEachConditionalOrderWithItsTriggerPrice() throws Exception {
        ArrayNode list = (ArrayNode) fixture("open-algo-orders.json");
        ((ObjectNode) list.get(0)).put("orderType", "STOP_MARKET").put("clientAlgoId", "pt-12-sl-3").put("reduceOnly", true);

        assertThat(BinanceMessages.openAlgoOrders(list, ACCOUNT, VENUE)).singleElement().satisfies(o -> {
            assertThat(o.symbol()).isEqualTo("BNBUSDT");
            assertThat(o.clientOrderId()).isEqualTo("pt-12-sl-3");
            assertThat(o.positrackId()).isPresent();
            assertThat(o.side()).isEqualTo(Side.SELL);
            assertThat(o.type()).isEqualTo(io.positrack.position.venue.OrderType.STOP_MARKET);
            assertThat(o.quantity()).isEqualByComparingTo("0.01");
            assertThat(o.triggerPrice()).isEqualByComparingTo("750");
            assertThat(o.reduceOnly()).isTrue();
        });
    }

    @Test
    void onlyTheTypesPositrackPlacesAreMapped() {
        assertThat(BinanceMessages.orderType("MARKET")).isEqualTo(io.positrack.position.venue.OrderType.MARKET);
        assertThat(BinanceMessages.orderType("TAKE_PROFIT_MARKET")).isEqualTo(io.positrack.position.venue.OrderType.TAKE_PROFIT_MARKET);
        assertThat(BinanceMessages.orderType("TAKE_PROFIT")).as("the documented example's limit take profit").isNull();
        assertThat(BinanceMessages.orderType("LIMIT")).isNull();
    }

    @Test
    void anOpenOrderListThatCannotBeReadInFullIsRefusedNotShortened() throws Exception {
        ArrayNode list = (ArrayNode) fixture("open-orders.json");
        ObjectNode second = list.addObject();
        second.put("symbol", "ETHUSDT").put("side", "SELL").put("origQty", "1");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BinanceMessages.openOrders(list, ACCOUNT, VENUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientOrderId");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BinanceMessages.openAlgoOrders(JSON.createObjectNode(), ACCOUNT, VENUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a list");
    }

    @Test
    void positionRiskGivesOneCompleteReportPerPositionAsOfItsUpdateTime() throws Exception {
        List<VenuePositionReport> reports = BinanceMessages.positionRisk(fixture("position-risk-v3.json"), ACCOUNT, VENUE);

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo("ADAUSDT");
            assertThat(r.side()).isEqualTo(Side.BUY);
            assertThat(r.quantity()).isEqualByComparingTo(new BigDecimal("30"));
            assertThat(r.entryPrice()).isEqualByComparingTo("0.385");
            assertThat(r.complete()).isTrue();
            assertThat(r.asOf()).isEqualTo(Instant.ofEpochMilli(1720736417660L));
        });
    }

    @Test
    void twoSnapshotsOfTheSameStateAreTwoReports() throws Exception {
        JsonNode list = fixture("position-risk-v3.json");

        assertThat(BinanceMessages.positionRisk(list, ACCOUNT, VENUE).get(0).reportId())
                .isNotEqualTo(BinanceMessages.positionRisk(list, ACCOUNT, VENUE).get(0).reportId());
    }

    @Test
    void serverTimeAndListenKeyAnswersAreRead() throws Exception {
        assertThat(BinanceMessages.serverTime(fixture("server-time.json"))).isEqualTo(Instant.ofEpochMilli(1499827319559L));
        assertThat(BinanceMessages.listenKey(fixture("listen-key.json"))).startsWith("pqia91ma19a5").hasSize(64);
    }

    @Test
    void theErrorPayloadIsRead() throws Exception {
        BinanceResponse r = new BinanceResponse(400, fixture("error.json").toString(), java.util.OptionalInt.empty(),
                java.util.OptionalLong.empty());

        assertThat(r.error()).contains(new BinanceResponse.Error(-1121, "Invalid symbol."));
    }

    @Test
    void theCancelAlgoAnswerIsASuccessNotAnError() throws Exception {
        BinanceResponse r = new BinanceResponse(200, fixture("cancel-algo-order.json").toString(), java.util.OptionalInt.empty(),
                java.util.OptionalLong.empty());

        assertThat(r.ok()).isTrue();
        assertThat(r.error()).isEmpty();
    }
}
