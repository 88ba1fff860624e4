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

        given().queryParam("account", account).get("/positions").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].quantity", equalTo("1.25")).body("[0].side", equalTo("SELL"));
        given().get("/positions/" + id).then().statusCode(200).body("stopLoss", equalTo("2100"));
        given().get("/positions/" + id + "/events").then().statusCode(200)
                .body("[0].version", equalTo(1)).body("[0].type", equalTo("PositionOpened"));
    }

    @Test
    void unknownPositionIs404() {
        given().get("/positions/999999999").then().statusCode(404);
        given().get("/positions/999999999/events").then().statusCode(404);
    }

    @Test
    void badFiltersAre400WithAClearMessage() {
        given().queryParam("status", "SIDEWAYS").get("/positions").then().statusCode(400);
        given().queryParam("limit", "0").get("/positions").then().statusCode(400);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("positrack_outbox_lag_seconds"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/positions/{id}"));
    }
}
