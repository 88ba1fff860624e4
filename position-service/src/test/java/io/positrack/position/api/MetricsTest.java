package io.positrack.position.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.metrics.PrometheusText;
import io.positrack.infra.quarkus.ManagementInterface;

/** The metrics an operator watches move when the thing they count happens. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class MetricsTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aPreventedDuplicateADoubleCloseAndADeadLetterAreCounted() {
        double duplicates = value("positrack_positions_duplicates_prevented_total");
        double doubleCloses = value("positrack_positions_double_closes_prevented_total");
        double transitions = value("positrack_transitions_latency_seconds_count", Map.of("applied", "true", "type", "PositionCancelRequested"));
        double opened = value("positrack_commands_total", Map.of("outcome", "OPENED", "type", "OpenPosition"));

        String account = PositionTestClient.uniqueAccount("metrics");
        answer(PositionTestClient.open(account, "GBPJPY", Side.BUY, "1", null, null));
        answer(PositionTestClient.open(account, "GBPJPY", Side.BUY, "1", null, null));
        answer(PositionTestClient.close(account, "GBPJPY"));
        answer(PositionTestClient.close(account, "GBPJPY"));

        assertThat(value("positrack_positions_duplicates_prevented_total")).isEqualTo(duplicates + 1);
        assertThat(value("positrack_positions_double_closes_prevented_total")).isEqualTo(doubleCloses + 1);
        assertThat(value("positrack_transitions_latency_seconds_count", Map.of("applied", "true", "type", "PositionCancelRequested")))
                .isEqualTo(transitions + 1);
        assertThat(value("positrack_commands_total", Map.of("outcome", "OPENED", "type", "OpenPosition"))).isEqualTo(opened + 1);
        assertThat(scrape()).contains("positrack_outbox_lag_seconds", "positrack_commands_latency_seconds",
                "positrack_dead_letters_total");
    }

    private void answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
    }

    private static String scrape() {
        return given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
    }

    /** The series' value summed over the samples with these labels, 0 when it does not exist yet. */
    private static double value(String name, Map<String, String> labels) {
        return PrometheusText.sum(scrape(), name, labels);
    }

    private static double value(String name) {
        return value(name, Map.of());
    }
}
