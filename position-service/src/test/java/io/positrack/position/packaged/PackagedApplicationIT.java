package io.positrack.position.packaged;

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
 * profile against the real broker and database, becomes ready and serves its API: what a Kubernetes
 * readiness probe and a first client would see.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class PackagedApplicationIT {

    @Test
    void becomesReadyAfterItsFirstReconciliationAndAnswersAPositionQuery() {
        // Readiness is DOWN until the first reconciliation with the paper venue succeeded (1 s after start).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get(ManagementInterface.packagedUrl("/q/health/ready"))
                .then().statusCode(200).body("status", equalTo("UP")));

        given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("account", "packaged-application-it").when().get("/positions")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("limit", 0).when().get("/positions").then().statusCode(400);
    }
}
