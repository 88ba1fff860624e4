package io.positrack.signal.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.OpenApiOperations;
import io.positrack.infra.security.OpenApiOperations.Operation;
import io.positrack.infra.security.TestKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation in signal-service's OpenAPI document refuses anonymous callers and unknown keys, and the
 * command API refuses viewers. The one
 * exception is the alert webhook, which authenticates by its source's secret (TradingView cannot send a header):
 * an anonymous call without that secret is refused all the same.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class EndpointSecurityTest {

    private static final String PUBLIC = "public, own secret";

    private static final Map<String, String> ROLE = Map.of(
            "/sessions", "viewer",
            "/sessions/statistics", "viewer",
            "/sessions/{positionId}", "viewer",
            "/signals", "viewer",
            "/signals/{symbol}", "viewer",
            "/alerts/{source}", PUBLIC,
            "/commands", "trader");

    private static List<Operation> operations() {
        String document = given().get(ManagementInterface.url("/q/openapi?format=json")).then().statusCode(200).extract().asString();
        return OpenApiOperations.of(document, Map.of("positionId", "1", "symbol", "XAUUSD", "source", "tv"));
    }

    private static int status(RequestSpecification spec, Operation op) {
        return spec.contentType("application/json").body("{}").request(op.method(), op.path()).statusCode();
    }

    @Test
    void everyPublishedPathHasADecidedRole() {
        List<Operation> operations = operations();

        assertThat(operations).extracting(Operation::template).isNotEmpty().allSatisfy(t -> assertThat(ROLE).containsKey(t));
        assertThat(operations).extracting(Operation::template).containsAll(ROLE.keySet());
    }

    @Test
    void everyOperationRefusesAnonymousAndUnknownKeys() {
        for (Operation op : operations()) {
            assertThat(status(given(), op)).as("anonymous " + op).isEqualTo(401);
            assertThat(status(given().header("Authorization", "Bearer ptk_nobody_" + "A".repeat(43)), op)).as("unknown key " + op)
                    .isEqualTo(401);
        }
    }

    @Test
    void theRightRoleGetsThroughAndAViewerCannotTrade() {
        for (Operation op : operations()) {
            String role = ROLE.get(op.template());
            if (role.equals("viewer")) {
                assertThat(status(given().auth().oauth2(TestKeys.VIEWER.value()), op)).as(op.toString()).isNotIn(401, 403);
            } else if (role.equals("trader")) {
                assertThat(status(given().auth().oauth2(TestKeys.VIEWER.value()), op)).as("viewer on " + op).isEqualTo(403);
                assertThat(status(given().auth().oauth2(TestKeys.TRADER.value()), op)).as("trader on " + op).isNotIn(401, 403);
            }
        }
    }

    @Test
    void healthMetricsAndOpenApiAreNotOnTheApiPort() {
        for (String path : List.of("/q/health", "/q/metrics", "/q/openapi")) {
            assertThat(given().get(path).statusCode()).as(path).isIn(401, 404);
        }
    }
}
