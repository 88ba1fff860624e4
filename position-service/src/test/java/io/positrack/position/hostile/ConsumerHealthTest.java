package io.positrack.position.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.positrack.infra.quarkus.ManagementInterface;

/** Health and metrics tell the truth about the consumers: a real lag per partition, counters per outcome and reason. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class ConsumerHealthTest {

    private static final Pattern LAG = Pattern.compile(
            "positrack_consumer_lag\\{partition=\"0\",topic=\"position-commands\"[^}]*} (\\S+)");

    @Test
    void consumerLagPerPartitionIsARealNumber() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Matcher m = LAG.matcher(RestAssured.get(ManagementInterface.url("/q/metrics")).asString());
            assertThat(m.find()).as("lag gauge of position-commands-0").isTrue();
            assertThat(Double.parseDouble(m.group(1))).isNotNaN().isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void readinessReportsTheConsumersAndADeadLetterIsCountedByReason() {
        RestAssured.get(ManagementInterface.url("/q/health/ready")).then().statusCode(200).body("checks.name", hasItem("positrack-consumers"));
        String before = RestAssured.get(ManagementInterface.url("/q/metrics")).asString();
        double was = counter(before, "not_json");
        assertThat(was).as("registered at zero before the first dead letter").isGreaterThanOrEqualTo(0);
        PositionTestClient.get().sendRaw(Topics.POSITION_COMMANDS, "HEALTH", "{definitely not json");
        await().atMost(Duration.ofSeconds(30)).until(() -> counter(RestAssured.get(ManagementInterface.url("/q/metrics")).asString(), "not_json") == was + 1);
    }

    private static double counter(String metrics, String reason) {
        Matcher m = Pattern.compile("positrack_dead_letters_total\\{reason=\"" + reason + "\",topic=\"position-commands\"} (\\S+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
