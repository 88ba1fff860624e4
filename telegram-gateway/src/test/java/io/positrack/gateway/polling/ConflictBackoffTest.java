package io.positrack.gateway.polling;

import static io.positrack.gateway.support.TestChats.CONFLICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.support.Observe;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I9: a 409 Conflict is backed off, counted and shown in health; polling goes on once the other poller is gone. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class ConflictBackoffTest {

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anotherPollerCausesConflictsThatAreBackedOffShownInHealthAndOutlived() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> "leader".equals(Observe.telegramHealth().get("role")));
        double before = Observe.metric("positrack_telegram_getupdates_conflicts_total");

        // Another bot instance with the same token polls without pause for four seconds.
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
            http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/bot" + standIn.token() + "/getUpdates?timeout=1&offset=-1"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }

        double conflicts = Observe.metric("positrack_telegram_getupdates_conflicts_total") - before;
        // Backed off 0.4 s, 0.8 s, 1.6 s, 3.2 s: a handful in four seconds, never a storm.
        assertThat(conflicts).isBetween(1.0, 6.0);
        Map<String, Object> health = Observe.telegramHealth();
        assertThat(health.get("role")).isEqualTo("leader");
        assertThat(health.get("lastConflictAt")).isNotNull();
        assertThat(String.valueOf(health.get("lastConflict"))).contains("terminated by other getUpdates request");

        standIn.sendUserMessage(CONFLICT, 5, "/help");
        await().atMost(Duration.ofSeconds(20)).until(() -> !standIn.sentTo(CONFLICT).isEmpty());
    }
}
