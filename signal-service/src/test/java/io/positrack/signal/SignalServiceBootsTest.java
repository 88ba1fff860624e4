package io.positrack.signal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;

@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class SignalServiceBootsTest {

    @Test
    void reportsLiveAndReadyAgainstTheRealBroker() {
        given().get(ManagementInterface.url("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().get(ManagementInterface.url("/q/openapi?format=json")).then().statusCode(200)
                .body("info.title", equalTo("Positrack signal-service"))
                .body("paths", hasKey("/sessions"))
                .body("paths", hasKey("/sessions/{positionId}"))
                .body("paths", hasKey("/sessions/statistics"))
                .body("paths", hasKey("/signals/{symbol}"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("positrack_signal_sessions_expiry_requested_total"));
    }
}
