package io.positrack.infra.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stand-in's Account Trade List ({@code GET /fapi/v1/userTrades}) against its own stream: the same trades, ids and
 * commissions as the fills' {@code ORDER_TRADE_UPDATE}s, filtered by symbol and order, signed like every USER_DATA
 * call; and the stream's hold switch, which delivers late what it held.
 */
class BinanceUserTradesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private BinanceFuturesStandIn standIn;

    @BeforeEach
    void start() {
        standIn = BinanceFuturesStandIn.start();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void userTradesListsEachFillOfTheOrderWithTheStreamsTradeIdAndCommission() throws Exception {
        standIn.setMarkPrice("TRDUSDT", "200");
        standIn.setMarkPrice("OTHERUSDT", "10");
        standIn.faults().fillsPerOrder(2);
        String orderId = placeMarket("TRDUSDT", "BUY", "0.5", "pt-1-e-1");
        await().atMost(PATIENCE).until(() -> standIn.trades("TRDUSDT").size() == 2);
        placeMarket("OTHERUSDT", "BUY", "3", "pt-2-e-1");
        String otherOrder = placeMarket("TRDUSDT", "BUY", "1", "pt-3-e-1");
        await().atMost(PATIENCE).until(() -> standIn.trades("TRDUSDT").size() == 4 && standIn.trades("OTHERUSDT").size() == 2);

        JsonNode trades = signedGet("/fapi/v1/userTrades", "symbol=TRDUSDT&orderId=" + orderId);
        assertThat(trades).hasSize(2);
        List<JsonNode> streamed = streamedTrades("pt-1-e-1");
        assertThat(streamed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode t = trades.get(i);
            JsonNode o = streamed.get(i).path("o");
            assertThat(t.path("id").asText()).as("the stream's t").isEqualTo(o.path("t").asText());
            assertThat(t.path("orderId").asText()).isEqualTo(orderId);
            assertThat(decimal(t, "qty")).isEqualByComparingTo(decimal(o, "l")).isEqualByComparingTo("0.25");
            assertThat(decimal(t, "price")).isEqualByComparingTo("200");
            // 0.25 × 200 × 0.0004
            assertThat(decimal(t, "commission")).isEqualByComparingTo(decimal(o, "n")).isEqualByComparingTo("0.02");
            assertThat(t.path("commissionAsset").asText()).isEqualTo("USDT");
            assertThat(t.path("side").asText()).isEqualTo("BUY");
            assertThat(t.path("buyer").asBoolean()).isTrue();
            assertThat(t.path("maker").asBoolean()).isFalse();
            assertThat(t.path("time").asLong()).isEqualTo(o.path("T").asLong());
        }
        assertThat(trades.get(0).path("id").asLong()).isLessThan(trades.get(1).path("id").asLong());

        assertThat(signedGet("/fapi/v1/userTrades", "symbol=TRDUSDT")).as("the symbol's, both orders").hasSize(4);
        assertThat(signedGet("/fapi/v1/userTrades", "symbol=TRDUSDT&orderId=" + otherOrder)).hasSize(2);
        assertThat(signedGet("/fapi/v1/userTrades", "symbol=TRDUSDT&limit=1")).as("the most recent").hasSize(1)
                .first().satisfies(t -> assertThat(t.path("orderId").asText()).isEqualTo(otherOrder));
        assertThat(signedGet("/fapi/v1/userTrades", "symbol=TRDUSDT&fromId=" + trades.get(1).path("id").asText())).hasSize(3);
        assertThat(signedGet("/fapi/v1/userTrades", "orderId=" + orderId).path("code").asInt()).as("symbol is mandatory").isEqualTo(-1102);
    }

    @Test
    void userTradesIsSignedLikeEveryAccountCall() throws Exception {
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(standIn.restBaseUrl() + "/fapi/v1/userTrades?symbol=TRDUSDT"
                + "&timestamp=" + System.currentTimeMillis())).header("X-MBX-APIKEY", standIn.apiKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(standIn.signatureFailures()).isEqualTo(1);
    }

    @Test
    void heldStreamEventsAreSentLateInTheirOrder() throws Exception {
        standIn.setMarkPrice("HOLDUSDT", "50");
        standIn.holdStreamEvents(true);
        placeMarket("HOLDUSDT", "SELL", "2", "pt-4-e-1");
        await().atMost(PATIENCE).until(() -> standIn.trades("HOLDUSDT").size() == 1);
        assertThat(streamedTrades("pt-4-e-1")).as("nothing sent while held").isEmpty();
        assertThat(standIn.heldStreamEvents()).isGreaterThanOrEqualTo(3); // NEW, TRADE, ACCOUNT_UPDATE

        standIn.holdStreamEvents(false);
        assertThat(standIn.heldStreamEvents()).isZero();
        List<JsonNode> sent = new ArrayList<>();
        for (String e : standIn.streamEvents()) {
            JsonNode event = JSON.readTree(e);
            if (event.path("o").path("c").asText().equals("pt-4-e-1")) {
                sent.add(event);
            }
        }
        assertThat(sent).extracting(e -> e.path("o").path("x").asText()).containsExactly("NEW", "TRADE");
        assertThat(sent.get(1).path("o").path("t").asText()).isEqualTo(standIn.trades("HOLDUSDT").get(0).id());
    }

    @Test
    void aTriggeredConditionalOrderNamesItsMatchingEngineOrderWhoseTradesCarryTheCommission() throws Exception {
        standIn.setMarkPrice("ALGOUSDT", "200");
        placeMarket("ALGOUSDT", "BUY", "0.5", "pt-5-e-1");
        await().atMost(PATIENCE).until(() -> standIn.trades("ALGOUSDT").size() == 1);
        String query = "algoType=CONDITIONAL&symbol=ALGOUSDT&side=SELL&type=TAKE_PROFIT_MARKET&quantity=0.5&triggerPrice=210"
                + "&reduceOnly=true&clientAlgoId=pt-5-tp-1&timestamp=" + System.currentTimeMillis();
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(standIn.restBaseUrl() + "/fapi/v1/algoOrder?" + query
                + "&signature=" + hmac(query))).header("X-MBX-APIKEY", standIn.apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);

        standIn.setMarkPrice("ALGOUSDT", "210");
        await().atMost(PATIENCE).until(() -> standIn.trades("ALGOUSDT").size() == 2);

        JsonNode finished = null;
        for (String e : standIn.streamEvents()) {
            JsonNode event = JSON.readTree(e);
            if (event.path("e").asText().equals("ALGO_UPDATE") && event.path("o").path("caid").asText().equals("pt-5-tp-1")
                    && event.path("o").path("X").asText().equals("FINISHED")) {
                finished = event.path("o");
            }
        }
        assertThat(finished).as("the ALGO_UPDATE that finished the take profit").isNotNull();
        String matchingOrder = finished.path("ai").asText();
        assertThat(matchingOrder).isNotEmpty();
        assertThat(signedGet("/fapi/v1/algoOrder", "clientAlgoId=pt-5-tp-1").path("actualOrderId").asText()).isEqualTo(matchingOrder);

        JsonNode trades = signedGet("/fapi/v1/userTrades", "symbol=ALGOUSDT&orderId=" + matchingOrder);
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.path("id").asText()).isEqualTo(standIn.trades("ALGOUSDT").get(1).id());
            assertThat(decimal(t, "qty")).isEqualByComparingTo("0.5");
            assertThat(decimal(t, "price")).isEqualByComparingTo("210");
            // 0.5 × 210 × 0.0004
            assertThat(decimal(t, "commission")).isEqualByComparingTo("0.042");
        });
    }

    @Test
    void anEndpointBrokenForSomeRequestsAnswersAgainAfterThem() throws Exception {
        standIn.setMarkPrice("BRKUSDT", "10");
        placeMarket("BRKUSDT", "BUY", "1", "pt-6-e-1");
        await().atMost(PATIENCE).until(() -> standIn.trades("BRKUSDT").size() == 1);
        standIn.faults().breakEndpoint("/fapi/v1/userTrades", 503, "{\"code\":-1000,\"msg\":\"An unknown error occured while processing the request.\"}", 2);

        assertThat(signedGet("/fapi/v1/userTrades", "symbol=BRKUSDT").path("code").asInt()).isEqualTo(-1000);
        assertThat(signedGet("/fapi/v1/userTrades", "symbol=BRKUSDT").path("code").asInt()).isEqualTo(-1000);
        assertThat(signedGet("/fapi/v1/userTrades", "symbol=BRKUSDT")).as("the third request is answered").hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    /** Binance sends decimals as strings. */
    private static java.math.BigDecimal decimal(JsonNode n, String field) {
        return new java.math.BigDecimal(n.path(field).asText());
    }

    private List<JsonNode> streamedTrades(String clientOrderId) throws Exception {
        List<JsonNode> trades = new ArrayList<>();
        for (String e : standIn.streamEvents()) {
            JsonNode event = JSON.readTree(e);
            if (event.path("e").asText().equals("ORDER_TRADE_UPDATE") && event.path("o").path("x").asText().equals("TRADE")
                    && event.path("o").path("c").asText().equals(clientOrderId)) {
                trades.add(event);
            }
        }
        return trades;
    }

    private String placeMarket(String symbol, String side, String quantity, String clientOrderId) throws Exception {
        String query = "symbol=" + symbol + "&side=" + side + "&type=MARKET&quantity=" + quantity + "&newClientOrderId=" + clientOrderId
                + "&timestamp=" + System.currentTimeMillis();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(standIn.restBaseUrl() + "/fapi/v1/order?" + query
                + "&signature=" + hmac(query))).header("X-MBX-APIKEY", standIn.apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("orderId").asText();
    }

    private JsonNode signedGet(String path, String params) throws Exception {
        String query = params + "&timestamp=" + System.currentTimeMillis();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(standIn.restBaseUrl() + path + "?" + query + "&signature="
                + hmac(query))).header("X-MBX-APIKEY", standIn.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(standIn.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
