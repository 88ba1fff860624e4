package io.positrack.position.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.position.command.CommandProcessor;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /commands/{id}}: the published result of a command, for its account's keys only. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class CommandResultResourceTest {

    @Inject
    CommandProcessor processor;

    @Test
    void aHandledCommandsResultIsServedAsPublished() {
        String account = PositionTestClient.uniqueAccount("result");
        var open = PositionTestClient.open(account, "RESUSD", Side.BUY, "2", "90", "110");
        long id = processor.process(open).await().atMost(Duration.ofSeconds(30)).position().id();

        given().auth().oauth2(TestKeys.VIEWER.value()).get("/commands/" + open.commandId()).then().statusCode(200)
                .body("commandId", equalTo(open.commandId())).body("outcome", equalTo("OPENED"))
                .body("position.id", equalTo((int) id)).body("position.quantity", equalTo("2"));
    }

    @Test
    void theFirstResultIsTheAnswerWhenTheCommandArrivesAgain() {
        String account = PositionTestClient.uniqueAccount("result-again");
        var open = PositionTestClient.open(account, "RESUSD", Side.SELL, "1", "110", "90");
        processor.process(open).await().atMost(Duration.ofSeconds(30));
        processor.process(open).await().atMost(Duration.ofSeconds(30));

        given().auth().oauth2(TestKeys.VIEWER.value()).get("/commands/" + open.commandId()).then().statusCode(200)
                .body("outcome", equalTo("OPENED"));
    }

    @Test
    void anotherAccountsResultAndAnUnknownIdAreNotFound() {
        String account = PositionTestClient.uniqueAccount("result-foreign");
        var open = PositionTestClient.open(account, "RESUSD", Side.BUY, "1", "90", "110");
        processor.process(open).await().atMost(Duration.ofSeconds(30));

        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/commands/" + open.commandId()).then().statusCode(404);
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/commands/never-sent-" + System.nanoTime()).then().statusCode(404);
    }
}
