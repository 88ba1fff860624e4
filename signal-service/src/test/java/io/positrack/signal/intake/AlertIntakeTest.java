package io.positrack.signal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionCommand.OpenPosition;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The alert webhook against the real broker: what a sender posts, what it is answered, and what reaches
 * {@code position-commands}. position-service is not running here; its inbox (same command id, one effect) and
 * its one-position-per-signal index are proven in its own tests.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class AlertIntakeTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String TV_SECRET = "test-only-tradingview-secret-000";
    static final String BOT_SECRET = "test-only-generic-hmac-secret-00";

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    static String tradingView(String secret, String id, String action, String price) {
        return """
                {"secret":"%s","id":"%s","ticker":"BINANCE:ALRUSD.P","action":"%s","price":"%s","stopLoss":"%s","takeProfit":"%s","time":"%s"}
                """.formatted(secret, id, action, price, "90", "120", Instant.now()).strip();
    }

    Response post(String source, String body, String signature) {
        var request = api.request().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header(AlertAuthenticity.SIGNATURE_HEADER, signature);
        }
        return request.post("/alerts/" + source);
    }

    List<PositionCommand> commands(String commandId) {
        return kafka.positionCommandsOf("intake-tv").stream().filter(c -> c.commandId().equals(commandId)).toList();
    }

    @Test
    void theSameAlertPostedThreeTimesIsOneCommandAndOneSignalOnTheSymbolsStream() {
        String id = "tv-" + UUID.randomUUID();
        String body = tradingView(TV_SECRET, id, "buy", "100");

        for (int i = 0; i < 3; i++) {
            Response r = post("tv", body, null);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
            assertThat(r.jsonPath().getString("commandId")).isEqualTo("alert-tv-" + id);
            assertThat(r.jsonPath().getString("signalId")).isEqualTo("tv:" + id);
        }

        await().atMost(PATIENCE).until(() -> commands("alert-tv-" + id).size() == 3);
        // Three deliveries of one command: position-service applies a command id once and a signal id once.
        assertThat(commands("alert-tv-" + id)).allSatisfy(c -> assertThat(c).isInstanceOfSatisfying(OpenPosition.class, o -> {
            assertThat(o.signalId()).isEqualTo("tv:" + id);
            assertThat(o.symbol()).isEqualTo("ALRUSD");
            assertThat(o.quantity()).isEqualByComparingTo("0.5");
        }));
        assertThat(kafka.positionCommandRecord("alert-tv-" + id)).hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("ALRUSD"));
    }

    @Test
    void aWrongSecretOrAnUnknownSourceIsRefusedWith401AndPublishesNothing() {
        String forged = "tv-" + UUID.randomUUID();
        Response wrong = post("tv", tradingView("not-the-secret-at-all-000000000", forged, "buy", "100"), null);
        Response unknown = post("nosuchsource", tradingView(TV_SECRET, forged, "buy", "100"), null);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.asString()).isEqualTo(unknown.asString()).doesNotContain(TV_SECRET);
        assertNothingPublishedBefore(forged);
    }

    @Test
    void aMalformedAlertIsRefusedWith400AndTheReasonAndPublishesNothing() {
        String id = "tv-" + UUID.randomUUID();
        String numberPrice = tradingView(TV_SECRET, id, "buy", "100").replace("\"price\":\"100\"", "\"price\":100");
        Response malformed = post("tv", numberPrice, null);
        Response notJson = post("tv", "BUY ALRUSD now", null);
        Response unmapped = post("tv", tradingView(TV_SECRET, id, "buy", "100").replace("BINANCE:ALRUSD.P", "NYSE:IBM"), null);

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.jsonPath().getString("error")).contains("price");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(unmapped.statusCode()).isEqualTo(400);
        assertThat(unmapped.jsonPath().getString("error")).contains("not mapped");
        assertNothingPublishedBefore(id);
    }

    @Test
    void aGenericSourceIsAuthenticatedByTheHmacOfTheBodyAndItsStopsComeFromItsPercents() {
        String id = "bot-" + UUID.randomUUID();
        String body = """
                {"id":"%s","ticker":"ALRUSD","action":"sell","price":"200","time":"%s"}""".formatted(id, Instant.now());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(post("bot", body, null).statusCode()).isEqualTo(401);
        assertThat(post("bot", body, AlertAuthenticity.signature("some-other-secret-000000000", bytes)).statusCode()).isEqualTo(401);
        Response accepted = post("bot", body, AlertAuthenticity.signature(BOT_SECRET, bytes));

        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf("intake-bot").stream().anyMatch(c -> c.commandId().equals("alert-bot-" + id)));
        OpenPosition open = (OpenPosition) kafka.positionCommandsOf("intake-bot").stream()
                .filter(c -> c.commandId().equals("alert-bot-" + id)).findFirst().orElseThrow();
        assertThat(open.stopLoss()).isEqualByComparingTo("202.00");
        assertThat(open.takeProfit()).isEqualByComparingTo("196.00");
        assertThat(open.account()).isEqualTo("intake-bot");
    }

    /**
     * Absence is shown by order: a valid alert on the same symbol is posted after the refused one and awaited;
     * had the refused one been published, it would be on the same partition before it.
     */
    void assertNothingPublishedBefore(String refusedId) {
        String sentinel = "tv-" + UUID.randomUUID();
        assertThat(post("tv", tradingView(TV_SECRET, sentinel, "buy", "100"), null).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> !commands("alert-tv-" + sentinel).isEmpty());
        assertThat(commands("alert-tv-" + refusedId)).isEmpty();
        assertThat(kafka.positionCommandRecord("alert-nosuchsource-" + refusedId)).isEmpty();
    }
}
