package io.positrack.infra.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

class TelegramBotApiStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private TelegramBotApiStandIn standIn;

    @BeforeEach
    void start() {
        standIn = TelegramBotApiStandIn.start();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void getUpdatesReturnsPendingUpdatesUntilAnOffsetAboveThemConfirmsThem() throws Exception {
        long first = standIn.sendUserMessage(42, 7, "/getsignal XAUUSD");
        long second = standIn.sendUserMessage(42, 7, "hello");

        JsonNode polled = call("getUpdates", "{\"timeout\":0}");
        assertThat(polled.get("ok").asBoolean()).isTrue();
        assertThat(polled.get("result")).hasSize(2);
        JsonNode update = polled.get("result").get(0);
        assertThat(update.get("update_id").asLong()).isEqualTo(first);
        assertThat(update.at("/message/chat/id").asLong()).isEqualTo(42);
        assertThat(update.at("/message/from/id").asLong()).isEqualTo(7);
        assertThat(update.at("/message/text").asText()).isEqualTo("/getsignal XAUUSD");
        assertThat(update.at("/message/message_id").isIntegralNumber()).isTrue();

        // Not confirmed yet: asked again without an offset, both come back.
        assertThat(call("getUpdates", "{}").get("result")).hasSize(2);
        assertThat(call("getUpdates", "{\"offset\":" + (first + 1) + "}").get("result")).hasSize(1);
        assertThat(call("getUpdates", "{\"offset\":" + (second + 1) + "}").get("result")).isEmpty();
        assertThat(standIn.pendingUpdates()).isZero();

        // Redelivered: handed out once more even to a poller whose offset is above it, then confirmed as usual.
        standIn.redeliver(first);
        JsonNode again = call("getUpdates", "{\"offset\":" + (second + 1) + "}").get("result");
        assertThat(again).hasSize(1);
        assertThat(again.get(0).get("update_id").asLong()).isEqualTo(first);
        assertThat(call("getUpdates", "{\"offset\":" + (second + 1) + "}").get("result")).isEmpty();
    }

    @Test
    void aSecondPollerTerminatesTheOneInProgressWith409() throws Exception {
        CompletableFuture<HttpResponse<String>> firstPoll = http.sendAsync(request("getUpdates", "{\"timeout\":20}"),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> standIn.getUpdatesCalls() == 1);

        JsonNode secondPoll = call("getUpdates", "{\"timeout\":0}");

        assertThat(secondPoll.get("ok").asBoolean()).isTrue();
        HttpResponse<String> terminated = firstPoll.get();
        assertThat(terminated.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(terminated.body());
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("error_code").asInt()).isEqualTo(409);
        assertThat(body.get("description").asText()).startsWith("Conflict: terminated by other getUpdates request");
        assertThat(standIn.getUpdatesConflicts()).hasSize(1);
    }

    @Test
    void aLongPollAnswersAsSoonAsAMessageArrives() throws Exception {
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(request("getUpdates", "{\"timeout\":30}"),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> standIn.getUpdatesCalls() == 1);
        standIn.sendUserMessage(5, 5, "/help");

        HttpResponse<String> answer = poll.get();
        assertThat(JSON.readTree(answer.body()).get("result")).hasSize(1);
    }

    @Test
    void whileAWebhookIsSetGetUpdatesConflictsAndUpdatesArePostedWithTheSecret() throws Exception {
        List<String> secrets = new CopyOnWriteArrayList<>();
        List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/hook", exchange -> {
            secrets.add(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"));
            delivered.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://localhost:" + receiver.getAddress().getPort() + "/hook";
            JsonNode set = call("setWebhook", "{\"url\":\"" + url + "\",\"secret_token\":\"s3cr3t_-X\"}");
            assertThat(set.get("result").asBoolean()).isTrue();

            JsonNode conflict = call("getUpdates", "{}");
            assertThat(conflict.get("error_code").asInt()).isEqualTo(409);
            assertThat(conflict.get("description").asText()).contains("webhook is active");

            long id = standIn.sendUserMessage(9, 9, "/status");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).get("update_id").asLong()).isEqualTo(id);
            assertThat(secrets).containsExactly("s3cr3t_-X");
            assertThat(standIn.pendingUpdates()).isZero();

            call("deleteWebhook", "{}");
            assertThat(call("getUpdates", "{}").get("ok").asBoolean()).isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void sendMessageRecordsHtmlAsTheUserSeesIt() throws Exception {
        JsonNode sent = call("sendMessage", "{\"chat_id\":42,\"text\":\"<b>BUY</b> 1 &lt; 2 &amp; ok\",\"parse_mode\":\"HTML\"}");

        assertThat(sent.get("ok").asBoolean()).isTrue();
        assertThat(sent.at("/result/chat/id").asLong()).isEqualTo(42);
        assertThat(standIn.sentTo(42)).singleElement().satisfies(m -> {
            assertThat(m.plainText()).isEqualTo("BUY 1 < 2 & ok");
            assertThat(m.text()).isEqualTo("<b>BUY</b> 1 &lt; 2 &amp; ok");
        });
    }

    @Test
    void sendMessageRefusesUnescapedHtmlAndTextOver4096Characters() throws Exception {
        JsonNode unescaped = call("sendMessage", "{\"chat_id\":1,\"text\":\"1 < 2\",\"parse_mode\":\"HTML\"}");
        JsonNode unknownTag = call("sendMessage", "{\"chat_id\":1,\"text\":\"<script>x</script>\",\"parse_mode\":\"HTML\"}");
        JsonNode tooLong = call("sendMessage", "{\"chat_id\":1,\"text\":\"" + "x".repeat(4097) + "\"}");
        JsonNode longest = call("sendMessage", "{\"chat_id\":1,\"text\":\"<b>" + "x".repeat(4096) + "</b>\",\"parse_mode\":\"HTML\"}");

        assertThat(unescaped.get("error_code").asInt()).isEqualTo(400);
        assertThat(unescaped.get("description").asText()).startsWith("Bad Request: can't parse entities");
        assertThat(unknownTag.get("error_code").asInt()).isEqualTo(400);
        assertThat(tooLong.get("description").asText()).isEqualTo("Bad Request: message is too long");
        assertThat(longest.get("ok").asBoolean()).isTrue();
        assertThat(standIn.sentTo(1)).hasSize(1);
    }

    @Test
    void injectedFaultsAnswerWith429RetryAfterAnd5xxAndDeliverNothing() throws Exception {
        standIn.injectSendFaults(Fault.rateLimited(3), Fault.serverError(502));

        JsonNode limited = call("sendMessage", "{\"chat_id\":3,\"text\":\"a\"}");
        JsonNode serverError = call("sendMessage", "{\"chat_id\":3,\"text\":\"b\"}");
        JsonNode delivered = call("sendMessage", "{\"chat_id\":3,\"text\":\"c\"}");

        assertThat(limited.get("error_code").asInt()).isEqualTo(429);
        assertThat(limited.at("/parameters/retry_after").asInt()).isEqualTo(3);
        assertThat(serverError.get("error_code").asInt()).isEqualTo(502);
        assertThat(delivered.get("ok").asBoolean()).isTrue();
        assertThat(standIn.sentTo(3)).extracting(SentMessage::text).containsExactly("c");
        assertThat(standIn.sendMessageAttempts()).isEqualTo(3);
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/bot1:wrong/getMe")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("description").asText()).isEqualTo("Unauthorized");
        assertThat(call("getMe", "{}").at("/result/id").asLong()).isEqualTo(standIn.botId());
    }

    private JsonNode call(String method, String json) throws IOException, InterruptedException {
        return JSON.readTree(http.send(request(method, json), HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpRequest request(String method, String json) {
        return HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/bot" + standIn.token() + "/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
