package io.positrack.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;

@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class GatewayBootsTest {

    @Test
    void reportsLiveAndReadyAgainstTheRealBroker() {
        given().get(ManagementInterface.url("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("positrack_telegram_poller_leader"));
    }

    @Test
    void healthAndMetricsAreNotOnTheApiPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
