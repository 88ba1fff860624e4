package io.positrack.gateway.webhook;

import static io.positrack.gateway.support.TestChats.WEBHOOK;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Observe;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Webhook mode: registered with its secret; a call without the right secret is refused and changes nothing. */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class WebhookModeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @AfterAll
    static void deleteWebhook() throws Exception {
        // The stand-in outlives this class: leave it ready for polling tests.
        TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/bot" + standIn.token() + "/deleteWebhook"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void theGatewayRegistersItsEndpointWithTheSecretAndDoesNotPoll() {
        await().atMost(PATIENCE).until(() -> standIn.webhook().isPresent());

        assertThat(standIn.webhook().get().url()).isEqualTo("http://localhost:" + WebhookProfile.PORT + WebhookResource.PATH);
        assertThat(standIn.webhook().get().secretToken()).isEqualTo(WebhookProfile.SECRET);
        assertThat(Observe.telegramHealth().get("role")).isEqualTo("webhook");
        assertThat(Observe.metric("positrack_telegram_getupdates_calls_total")).isZero();
    }

    @Test
    void anUpdateDeliveredByTelegramWithTheSecretBecomesACommand() {
        await().atMost(PATIENCE).until(() -> standIn.webhook().isPresent());
        long update = standIn.sendUserMessage(WEBHOOK, 12, "/status");

        await().atMost(PATIENCE).until(() -> kafka.commands("tg-" + standIn.botId() + "-" + update).size() == 1);
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndChangesNothing() {
        long updateId = 8_000_000_000L + (System.nanoTime() % 1_000_000);
        String commandId = "tg-" + standIn.botId() + "-" + updateId;
        String body = """
                {"update_id": %d, "message": {"message_id": 5, "from": {"id": 12, "is_bot": false, "first_name": "Eve"},
                 "chat": {"id": %d, "type": "private"}, "date": %d, "text": "/status XAUUSD"}}"""
                .formatted(updateId, WEBHOOK, Instant.now().getEpochSecond());
        double rejectedBefore = Observe.metric("positrack_telegram_webhook_rejected_total");

        given().contentType("application/json").header(WebhookResource.SECRET_HEADER, WebhookProfile.SECRET + "x").body(body)
                .post(WebhookResource.PATH).then().statusCode(401);
        given().contentType("application/json").body(body).post(WebhookResource.PATH).then().statusCode(401);

        assertThat(kafka.commands(commandId)).isEmpty();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM processed_updates WHERE update_id = ?", updateId)).isZero();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM sent_replies WHERE reply_key = ?", commandId)).isZero();
        assertThat(Observe.metric("positrack_telegram_webhook_rejected_total")).isEqualTo(rejectedBefore + 2);

        // The very same update with the right secret is accepted: the refusals were about the secret alone.
        given().contentType("application/json").header(WebhookResource.SECRET_HEADER, WebhookProfile.SECRET).body(body)
                .post(WebhookResource.PATH).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> kafka.commands(commandId).size() == 1);
        assertThat(GatewayDatabase.count("SELECT count(*) FROM processed_updates WHERE update_id = ?", updateId)).isEqualTo(1);
    }
}
