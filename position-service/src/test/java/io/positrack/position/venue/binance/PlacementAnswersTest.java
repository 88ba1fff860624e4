package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.positrack.position.venue.Placement;

/** How Binance's answers to a placement become Placement values (general info: HTTP codes; error codes). */
class PlacementAnswersTest {

    private static BinanceResponse answer(int status, String body) {
        return new BinanceResponse(status, body, OptionalInt.empty(), OptionalLong.empty());
    }

    private static BinanceResponse error(int status, int code, String msg) {
        return answer(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}");
    }

    @Test
    void anAcceptedOrderCarriesBinancesOrderId() throws Exception {
        String body = new String(getClass().getResourceAsStream("/binance/new-order.json").readAllBytes());

        assertThat(PlacementAnswers.of(answer(200, body), "orderId")).isEqualTo(new Placement.Accepted("22542179"));
    }

    @Test
    void anAcceptedConditionalOrderCarriesItsAlgoId() throws Exception {
        String body = new String(getClass().getResourceAsStream("/binance/new-algo-order.json").readAllBytes());

        assertThat(PlacementAnswers.of(answer(200, body), "algoId")).isEqualTo(new Placement.Accepted("2146760"));
    }

    @Test
    void aDuplicatedClientOrderIdMustBeLookedUp() {
        Placement p = PlacementAnswers.of(error(400, -4116, "clientOrderId is duplicated."), "orderId");

        assertThat(PlacementAnswers.needsLookup(p)).isTrue();
    }

    @Test
    void a503UnknownErrorIsUnknownNotAFailure() {
        Placement p = PlacementAnswers.of(error(503, -1000, "Unknown error, please check your request or try again later."), "orderId");

        assertThat(p).isInstanceOf(Placement.Unknown.class);
        assertThat(PlacementAnswers.needsLookup(p)).isFalse();
    }

    @Test
    void codesWhoseExecutionStatusIsUnknownAreUnknown() {
        for (int code : new int[] { -1000, -1001, -1006, -1007, -1008, -1021 }) {
            assertThat(PlacementAnswers.of(error(400, code, "x"), "orderId")).as("code %d", code).isInstanceOf(Placement.Unknown.class);
        }
    }

    @Test
    void rateLimitAnswersAreUnknownSoTheSweeperLooksUpBeforeSendingAgain() {
        assertThat(PlacementAnswers.of(error(429, -1003, "Too many requests"), "orderId")).isInstanceOf(Placement.Unknown.class);
        assertThat(PlacementAnswers.of(error(418, -1003, "banned"), "orderId")).isInstanceOf(Placement.Unknown.class);
        assertThat(PlacementAnswers.of(answer(504, "<html>gateway</html>"), "orderId")).isInstanceOf(Placement.Unknown.class);
    }

    @Test
    void reduceOnlyRefusalsAreRejectedWithTheirCode() {
        assertThat(PlacementAnswers.of(error(400, -2022, "ReduceOnly Order is rejected."), "orderId"))
                .isEqualTo(new Placement.Rejected("binance HTTP 400 -2022 ReduceOnly Order is rejected."));
        assertThat(PlacementAnswers.of(error(400, -4118, "ReduceOnly Order Failed. Please check your existing position and open orders"),
                "orderId")).isInstanceOfSatisfying(Placement.Rejected.class, r -> assertThat(r.reason()).contains("-4118"));
    }

    @Test
    void otherBusinessErrorsAreRejected() throws Exception {
        String body = new String(getClass().getResourceAsStream("/binance/error.json").readAllBytes());

        assertThat(PlacementAnswers.of(answer(400, body), "orderId")).isEqualTo(new Placement.Rejected("binance HTTP 400 -1121 Invalid symbol."));
        assertThat(PlacementAnswers.of(error(400, -2019, "Margin is insufficient."), "orderId")).isInstanceOf(Placement.Rejected.class);
    }
}
