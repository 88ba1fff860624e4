package io.positrack.signal.commandapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /commands} against the real broker: who may send, what reaches {@code position-commands}, and that a
 * retried request is the same command. position-service's inbox applies one command id once (its own tests).
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class CommandApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SignalTestClient kafka = SignalTestClient.get();

    private static String open(String account) {
        return """
                {"type":"open","account":"%s","symbol":"APIUSD","side":"BUY","quantity":"0.25","referencePrice":"100","stopLoss":"95","takeProfit":"110"}
                """.formatted(account).strip();
    }

    private static Response post(TestKeys key, String idempotencyKey, String body) {
        var request = given().contentType("application/json").body(body);
        if (key != null) {
            request.auth().oauth2(key.value());
        }
        if (idempotencyKey != null) {
            request.header(CommandResource.IDEMPOTENCY_HEADER, idempotencyKey);
        }
        return request.post("/commands");
    }

    @Test
    void aTradersOpenIsPublishedKeyedBySymbolUnderItsIdempotencyKey() {
        String account = SignalTestClient.uniqueAccount("api");
        String key = "k-" + UUID.randomUUID();

        Response r = post(TestKeys.TRADER, key, open(account));

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        String commandId = "api-test-trader-" + key;
        assertThat(r.jsonPath().getString("commandId")).isEqualTo(commandId);
        await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).size() == 1);
        assertThat(kafka.positionCommandsOf(account).get(0)).isInstanceOfSatisfying(PositionCommand.OpenPosition.class, o -> {
            assertThat(o.commandId()).isEqualTo(commandId);
            assertThat(o.quantity()).isEqualByComparingTo("0.25");
            assertThat(o.stopLoss()).isEqualByComparingTo("95");
        });
        assertThat(kafka.positionCommandRecord(commandId)).hasValueSatisfying(rec -> assertThat(rec.key()).isEqualTo("APIUSD"));
    }

    @Test
    void aRetryWithTheSameKeyIsTheSameCommand() {
        String account = SignalTestClient.uniqueAccount("api-retry");
        String key = "k-" + UUID.randomUUID();

        List<String> ids = List.of(post(TestKeys.TRADER, key, open(account)).jsonPath().getString("commandId"),
                post(TestKeys.TRADER, key, open(account)).jsonPath().getString("commandId"));

        assertThat(ids).containsOnly("api-test-trader-" + key);
        await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).size() == 2);
        assertThat(kafka.positionCommandsOf(account)).extracting(PositionCommand::commandId).containsOnly("api-test-trader-" + key);
    }

    @Test
    void anHttpOpenThenAChatCloseOnTheSymbolAreQueuedInThatOrder() {
        String account = SignalTestClient.uniqueAccount("api-order");
        String key = "k-" + UUID.randomUUID();
        assertThat(post(TestKeys.TRADER, key, open(account)).statusCode()).isEqualTo(202);

        var close = SignalTestClient.bot(io.positrack.contracts.bot.BotVerb.CLOSE, account, "APIUSD");
        kafka.send(close);

        await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).size() == 2);
        // One symbol, one partition: position-service reads them in this order.
        assertThat(kafka.positionCommandsOf(account)).extracting(PositionCommand::commandId)
                .containsExactly("api-test-trader-" + key, close.commandId());
        long openOffset = kafka.positionCommandRecord("api-test-trader-" + key).orElseThrow().offset();
        long closeOffset = kafka.positionCommandRecord(close.commandId()).orElseThrow().offset();
        assertThat(openOffset).isLessThan(closeOffset);
    }

    @Test
    void aViewerOrAnAnonymousCallerCannotSend() {
        assertThat(post(TestKeys.VIEWER, "k-viewer", open("acct-any")).statusCode()).isEqualTo(403);
        assertThat(post(null, "k-anonymous", open("acct-any")).statusCode()).isEqualTo(401);
    }

    @Test
    void aTraderCannotSendForAnotherAccount() {
        String account = SignalTestClient.uniqueAccount("api-foreign");

        Response r = post(TestKeys.TRADER_OF_ALICE, "k-" + UUID.randomUUID(), open(account));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.jsonPath().getString("error")).contains("not one of this key's accounts");
        assertThat(post(TestKeys.TRADER_OF_ALICE, "k-" + UUID.randomUUID(), open(TestKeys.ALICE_ACCOUNT)).statusCode()).isEqualTo(202);
    }

    @Test
    void nonsenseIsAnsweredWithAReasonAndPublishesNothing() {
        String account = SignalTestClient.uniqueAccount("api-bad");

        Response noKey = post(TestKeys.TRADER, null, open(account));
        Response garbage = post(TestKeys.TRADER, "k-1", "{not json");
        Response wrongSide = post(TestKeys.TRADER, "k-2", open(account).replace("\"BUY\"", "\"UP\""));

        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.jsonPath().getString("error")).contains("Idempotency-Key");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(wrongSide.jsonPath().getString("error")).contains("BUY or SELL");
        // A later valid command of the account is the only one on the topic.
        String key = "k-" + UUID.randomUUID();
        post(TestKeys.TRADER, key, open(account));
        await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).size() == 1);
        assertThat(kafka.positionCommandsOf(account)).extracting(PositionCommand::commandId).containsExactly("api-test-trader-" + key);
    }
}
