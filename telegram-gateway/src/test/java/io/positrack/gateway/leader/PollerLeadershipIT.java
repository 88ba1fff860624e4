package io.positrack.gateway.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.telegram.TelegramBotApiStandIn;

/**
 * I9 on the packaged gateway: two instances against one Bot API stand-in. Exactly one polls and the other stands
 * by without any 409; after kill -9 of the leader the standby polls and answers the next command within 10 s.
 */
class PollerLeadershipIT {

    private static final long CHAT = 4242;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalInfrastructure infra;
    private static TelegramBotApiStandIn standIn;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        standIn = TelegramBotApiStandIn.start();
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess gateway : new ServiceProcess[] { second, first }) {
            if (gateway != null) {
                gateway.stop();
            }
        }
        if (standIn != null) {
            standIn.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void onlyTheLeaderPollsAndAfterItIsKilledTheStandbyAnswersTheNextCommandWithinTenSeconds() throws Exception {
        first = gateway("gateway-a").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "leader".equals(role(first)));
        second = gateway("gateway-b").start();
        // Settled: for five seconds the roles hold, the standby never calls getUpdates, the stand-in sees no conflict.
        int conflictsAtStart = standIn.getUpdatesConflicts().size();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(() -> "leader".equals(role(first))
                && "standby".equals(role(second)) && getUpdatesCalls(second) == 0);
        assertThat(getUpdatesCalls(first)).isPositive();
        standIn.sendUserMessage(CHAT, 7, "/help");
        await().atMost(Duration.ofSeconds(10)).until(() -> standIn.sentTo(CHAT).size() == 1);
        assertThat(standIn.getUpdatesConflicts()).hasSize(conflictsAtStart);
        assertThat(getUpdatesCalls(second)).isZero();

        first.kill();
        long killedAt = System.nanoTime();
        standIn.sendUserMessage(CHAT, 7, "/help");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> standIn.sentTo(CHAT).size() == 2);
        long takeoverMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
        assertThat(role(second)).isEqualTo("leader");
        // No conflict storm, and not even one: the dead leader's last long poll had ended before the standby polled.
        assertThat(standIn.getUpdatesConflicts()).hasSize(conflictsAtStart);
        System.out.printf("PollerLeadershipIT: the standby answered %d ms after kill -9 of the leader; getUpdates conflicts: %d%n",
                takeoverMillis, standIn.getUpdatesConflicts().size());

        String secretHalf = standIn.token().substring(standIn.token().indexOf(':') + 1);
        for (ServiceProcess gateway : new ServiceProcess[] { first, second }) {
            String log = Files.readString(gateway.log());
            assertThat(log).contains("Connected to the Bot API").doesNotContain(standIn.token()).doesNotContain(secretHalf);
        }
    }

    private static ServiceProcess gateway(String name) {
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig("gateway"));
        config.put("positrack.telegram.api-base-url", standIn.baseUrl());
        config.put("positrack.telegram.bot-token", standIn.token());
        config.put("positrack.telegram.chats[0].id", Long.toString(CHAT));
        config.put("positrack.telegram.chats[0].account", "acc-it");
        // Long polls shorter than the election's session timeout: a killed leader's last poll is over before a successor polls.
        config.put("positrack.telegram.polling.timeout", "2s");
        config.put("positrack.telegram.leadership.session-timeout", "6s");
        config.put("positrack.telegram.leadership.heartbeat", "1s");
        Path jar = Path.of(System.getProperty("positrack.telegram-gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        return ServiceProcess.of(name, jar, config, Path.of("target", "leadership-it", name + ".log"));
    }

    private static String role(ServiceProcess gateway) {
        try {
            JsonNode health = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode check : health.get("checks")) {
                if ("telegram".equals(check.get("name").asText())) {
                    return check.at("/data/role").asText();
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Sum of positrack_telegram_getupdates_calls_total over its outcomes, from the instance's Prometheus endpoint. */
    private static double getUpdatesCalls(ServiceProcess gateway) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return io.positrack.infra.metrics.PrometheusText.sum(metrics, "positrack_telegram_getupdates_calls_total", java.util.Map.of());
    }
}
