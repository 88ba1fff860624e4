package io.positrack.position.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.command.CommandProcessor;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.security.TestKeys;

@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class PositionResourceTest {

    @Inject
    CommandProcessor processor;

    @Test
    void listsOnePositionAndItsAuditTrail() {
        String account = PositionTestClient.uniqueAccount("rest");
        long id = processor.process(PositionTestClient.open(account, "XAUUSD", Side.SELL, "1.25", "2100", "1900"))
                .await().atMost(Duration.ofSeconds(30)).position().id();

        given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("account", account).get("/positions").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].quantity", equalTo("1.25")).body("[0].side", equalTo("SELL"));
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + id).then().statusCode(200).body("stopLoss", equalTo("2100"));
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + id + "/events").then().statusCode(200)
                .body("[0].version", equalTo(1)).body("[0].type", equalTo("PositionOpened"));
    }

    @Test
    void unknownPositionIs404() {
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/999999999").then().statusCode(404);
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/999999999/events").then().statusCode(404);
    }

    @Test
    void badFiltersAre400WithAClearMessage() {
        given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("status", "SIDEWAYS").get("/positions").then().statusCode(400);
        given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("limit", "0").get("/positions").then().statusCode(400);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).body(containsString("positrack_outbox_lag_seconds"));
        given().get(ManagementInterface.url("/q/openapi?format=json")).then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/positions/{id}"));
    }
}
