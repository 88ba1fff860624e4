package io.positrack.position.security;

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
 * Every operation the service publishes in its OpenAPI document refuses an anonymous caller (401), a key that is
 * not configured (401) and a key without the operation's role (403). The roles are this test's table, and the
 * table must cover the document: a new endpoint fails here until someone decides who may call it.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class EndpointSecurityTest {

    /** The least role of each path template; anything under /admin is the admin's. */
    private static final Map<String, String> ROLE = Map.of(
            "/positions", "viewer",
            "/positions/{id}", "viewer",
            "/positions/{id}/events", "viewer",
            "/commands/{commandId}", "viewer",
            "/pauses", "viewer",
            "/admin/blocks", "admin",
            "/admin/blocks/{account}/{venue}/{symbol}", "admin",
            "/admin/audit", "admin");

    private static final Map<String, List<TestKeys>> WITHOUT_ROLE = Map.of(
            "viewer", List.of(),
            "admin", List.of(TestKeys.VIEWER, TestKeys.TRADER));

    private static List<Operation> operations() {
        String document = given().get(ManagementInterface.url("/q/openapi?format=json")).then().statusCode(200).extract().asString();
        return OpenApiOperations.of(document, Map.of("account", "acct-x", "venue", "paper", "symbol", "XAUUSD", "commandId", "c-1"));
    }

    private static int status(RequestSpecification spec, Operation op) {
        return spec.request(op.method(), op.path()).statusCode();
    }

    @Test
    void everyPublishedPathHasADecidedRole() {
        List<Operation> operations = operations();

        assertThat(operations).extracting(Operation::template).isNotEmpty().allSatisfy(t -> assertThat(ROLE).containsKey(t));
        assertThat(operations).extracting(Operation::template).containsAll(ROLE.keySet());
    }

    @Test
    void everyOperationRefusesAnonymousAndUnknownKeysAndWrongRoles() {
        for (Operation op : operations()) {
            assertThat(status(given(), op)).as("anonymous " + op).isEqualTo(401);
            assertThat(status(given().header("Authorization", "Bearer ptk_nobody_" + "A".repeat(43)), op)).as("unknown key " + op)
                    .isEqualTo(401);
            assertThat(status(given().auth().oauth2(TestKeys.VIEWER.value().replace('_', '-')), op)).as("mangled key " + op)
                    .isEqualTo(401);
            for (TestKeys key : WITHOUT_ROLE.get(ROLE.get(op.template()))) {
                assertThat(status(given().auth().oauth2(key.value()), op)).as(key + " on " + op).isEqualTo(403);
            }
        }
    }

    @Test
    void theRightRoleGetsThrough() {
        for (Operation op : operations()) {
            TestKeys key = ROLE.get(op.template()).equals("admin") ? TestKeys.ADMIN : TestKeys.VIEWER;
            assertThat(status(given().auth().oauth2(key.value()), op)).as(key + " on " + op).isNotIn(401, 403);
        }
    }

    @Test
    void healthMetricsAndOpenApiAreNotOnTheApiPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertThat(given().get(path).statusCode()).as(path).isIn(401, 404);
        }
        given().get(ManagementInterface.url("/q/health/live")).then().statusCode(200);
    }
}
