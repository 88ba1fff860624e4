package io.positrack.position.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.position.command.CommandProcessor;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A key sees the positions of its own accounts only; another account's position is as if it did not exist. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class AccountVisibilityTest {

    @Inject
    CommandProcessor processor;

    private long alices;
    private long others;

    @BeforeEach
    void twoAccountsEachWithAPosition() {
        String symbol = "VIS" + System.nanoTime() % 1_000_000 + "USD";
        alices = open(TestKeys.ALICE_ACCOUNT, symbol);
        others = open(PositionTestClient.uniqueAccount("vis"), symbol);
    }

    private long open(String account, String symbol) {
        return processor.process(PositionTestClient.open(account, symbol, Side.BUY, "1", "90", "110"))
                .await().atMost(Duration.ofSeconds(30)).position().id();
    }

    @Test
    void aListingWithoutFilterShowsOnlyTheKeysAccounts() {
        List<String> accounts = given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).queryParam("limit", 500).get("/positions")
                .then().statusCode(200).extract().jsonPath().getList("account", String.class);

        assertThat(accounts).isNotEmpty().containsOnly(TestKeys.ALICE_ACCOUNT);
    }

    @Test
    void aFilterOnAnotherAccountIsForbidden() {
        String other = given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + others).then().statusCode(200)
                .extract().jsonPath().getString("account");

        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).queryParam("account", other).get("/positions").then().statusCode(403);
    }

    @Test
    void anotherAccountsPositionAndTrailAreNotFound() {
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/positions/" + others).then().statusCode(404);
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/positions/" + others + "/events").then().statusCode(404);
    }

    @Test
    void theKeysOwnPositionAndTrailAreServed() {
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/positions/" + alices).then().statusCode(200);
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/positions/" + alices + "/events").then().statusCode(200);
    }

    @Test
    void aKeyWithoutAccountsSeesNoPosition() {
        given().auth().oauth2(TestKeys.VIEWER_OF_NONE.value()).get("/positions").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        given().auth().oauth2(TestKeys.VIEWER_OF_NONE.value()).get("/positions/" + alices).then().statusCode(404);
    }
}
