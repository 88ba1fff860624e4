package io.positrack.signal.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.security.TestKeys;

/**
 * The packaged application (the jar now, the native executable with {@code -Pnative}) starts in the prod
 * profile against the real broker and database, becomes ready and serves its API from the database.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class PackagedApplicationIT {

    @Test
    void becomesReadyAndAnswersASignalQueryFromItsDatabase() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get(ManagementInterface.packagedUrl("/q/health/ready"))
                .then().statusCode(200).body("status", equalTo("UP")));

        // The prod profile watches XAUUSD and no feed runs: a well-formed symbol without a signal yet.
        given().auth().oauth2(TestKeys.VIEWER.value()).when().get("/signals/XAUUSD").then().statusCode(404);
        given().auth().oauth2(TestKeys.VIEWER.value()).when().get("/signals/not a symbol").then().statusCode(400);
    }
}
