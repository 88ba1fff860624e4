package io.positrack.gateway.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * The packaged application (the jar now, the native executable with {@code -Pnative}) starts in the prod
 * profile against the real broker and database without a bot token: it is ready, says it is disconnected, and
 * in polling mode refuses webhook calls.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class PackagedApplicationIT {

    @Test
    void becomesReadyWithoutATokenAndRefusesWebhookCallsInPollingMode() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get(ManagementInterface.packagedUrl("/q/health/ready"))
                .then().statusCode(200).body("status", equalTo("UP")));
        given().when().get(ManagementInterface.packagedUrl("/q/health/ready")).then()
                .body("checks.find { it.name == 'telegram' }.data.mode", equalTo("polling"))
                .body("checks.name", hasItem("telegram"));

        given().body("{\"update_id\":1}").contentType("application/json").when().post("/telegram/webhook")
                .then().statusCode(404);
    }
}
