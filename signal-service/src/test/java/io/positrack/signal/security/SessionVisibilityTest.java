package io.positrack.signal.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A key sees the sessions and statistics of its own accounts only. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class SessionVisibilityTest {

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    private PositionStory alices;
    private PositionStory others;
    private String otherAccount;

    /** One open session per account and symbol: every test takes symbols of its own. */
    private static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();

    private String aliceSymbol;
    private String otherSymbol;

    @BeforeEach
    void twoAccountsEachWithASession() {
        int round = ROUND.incrementAndGet();
        aliceSymbol = "VISA" + round + "USD";
        otherSymbol = "VISB" + round + "USD";
        alices = PositionStory.of(PositionStory.newPositionId(), TestKeys.ALICE_ACCOUNT, aliceSymbol, Side.BUY, "sig-vis-" + System.nanoTime());
        otherAccount = SignalTestClient.uniqueAccount("vis");
        others = PositionStory.of(PositionStory.newPositionId(), otherAccount, otherSymbol, Side.BUY,
                "sig-vis-" + System.nanoTime());
        kafka.event(alices.opened());
        kafka.event(others.opened());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.session(alices.id()).isPresent() && api.session(others.id()).isPresent());
    }

    @Test
    void aListingWithoutFilterShowsOnlyTheKeysAccounts() {
        List<String> accounts = given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).queryParam("limit", 500).get("/sessions")
                .then().statusCode(200).extract().jsonPath().getList("account", String.class);

        assertThat(accounts).isNotEmpty().containsOnly(TestKeys.ALICE_ACCOUNT);
    }

    @Test
    void filtersOnAnotherAccountAreForbidden() {
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).queryParam("account", otherAccount).get("/sessions")
                .then().statusCode(403);
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).queryParam("account", otherAccount).get("/sessions/statistics")
                .then().statusCode(403);
    }

    @Test
    void anotherAccountsSessionIsNotFound() {
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/sessions/" + others.id()).then().statusCode(404);
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/sessions/" + alices.id()).then().statusCode(200);
    }

    @Test
    void statisticsCountOnlyTheKeysAccounts() {
        List<String> symbols = given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/sessions/statistics")
                .then().statusCode(200).extract().jsonPath().getList("symbol", String.class);

        assertThat(symbols).contains(aliceSymbol).doesNotContain(otherSymbol);
    }
}
