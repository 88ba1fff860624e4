package io.positrack.position.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.venue.paper.PaperFaults;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.positrack.infra.quarkus.ManagementInterface;

/** Issue #15: one account whose reconciliation fails holds back only its own trading; the others reconcile and trade. */
@QuarkusTest
@TestProfile(ReconciliationIsolationTest.Gated.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class ReconciliationIsolationTest {

    /** The gate on; runs left to the test. */
    public static class Gated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("positrack.position.reconciliation.gate-trading", "true");
        }
    }

    @Inject
    Reconciler reconciler;

    @Inject
    PaperFaults faults;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void oneFailingAccountHoldsBackOnlyItsOwnTradingAndTheOthersTrade() throws Exception {
        String broken = PositionTestClient.uniqueAccount("broken");
        String healthy = PositionTestClient.uniqueAccount("healthy");
        venueHolds(broken, "BRKUSD", new BigDecimal("1"));
        faults.failSnapshotsOf(Set.of(broken));
        try {
            reconciler.reconcileAll().await().atMost(Duration.ofSeconds(60));

            assertThat(reconciler.readyFor("paper", healthy)).isTrue();
            assertThat(reconciler.readyFor("paper", broken)).isFalse();
            given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200);
            assertThat(given().get(ManagementInterface.url("/q/health/ready")).asString()).contains("failing paper/" + broken);

            PositionCommand.OpenPosition healthyOpen = PositionTestClient.open(healthy, "HLTUSD", Side.BUY, "1", null, null);
            PositionCommand.OpenPosition brokenOpen = PositionTestClient.open(broken, "BRKUSD2", Side.BUY, "1", null, null);
            kafka.sendCommand(brokenOpen);
            kafka.sendCommand(healthyOpen);
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(healthyOpen.commandId()).isEmpty());
            assertThat(kafka.resultsFor(healthyOpen.commandId()).get(0).outcome()).isEqualTo(Outcome.OPENED);
            assertThat(kafka.resultsFor(brokenOpen.commandId())).as("its account is not reconciled: it waits").isEmpty();
            assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", broken)).isZero();
        } finally {
            faults.failSnapshotsOf(Set.of());
        }

        // The venue answers again: the next run reconciles the account and its waiting open goes ahead.
        reconciler.reconcileAll().await().atMost(Duration.ofSeconds(60));
        assertThat(reconciler.readyFor("paper", broken)).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE account = ? AND symbol = 'BRKUSD2'", broken) == 1);
    }

    private static void venueHolds(String account, String symbol, BigDecimal signedQuantity) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO paper.position_changes (account, symbol, quantity, entry_price, changed_at) VALUES (?, ?, ?, 100, now())""")) {
            s.setString(1, account);
            s.setString(2, symbol);
            s.setBigDecimal(3, signedQuantity);
            s.executeUpdate();
        }
    }
}
