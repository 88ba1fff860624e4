package io.positrack.position.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.positrack.infra.quarkus.ManagementInterface;

/** Until the first reconciliation has succeeded, trading waits and readiness says so. */
@QuarkusTest
@TestProfile(TradingGateTest.Gated.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class TradingGateTest {

    /** The gate on; the first reconciliation left to the test (the profile's initial delay is an hour). */
    public static class Gated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("positrack.position.reconciliation.gate-trading", "true");
        }
    }

    @Inject
    Reconciler reconciler;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void anOpenWaitsForTheFirstReconciliationAndReadinessReportsIt() {
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(503)
                .body("checks.find { it.name == 'reconciliation' }.data.firstReconciliation", equalTo("pending"));
        String account = PositionTestClient.uniqueAccount("gate");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "EURGBP", Side.BUY, "1", null, null);
        kafka.sendCommand(open);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> kafka.resultsFor(open.commandId()).isEmpty());
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isZero();

        reconciler.reconcileAll().await().atMost(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        assertThat(kafka.resultsFor(open.commandId()).get(0).outcome()).isEqualTo(Outcome.OPENED);
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200);
    }
}
