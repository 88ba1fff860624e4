package io.positrack.position.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.security.TestKeys;

/** The audit finds what must never be there, lists the rows, and shows the counts as gauges. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class InvariantAuditTest {

    @Test
    void aGapInAnAuditTrailAndALongMissingPositionAreReportedWithTheirRows() throws Exception {
        String account = PositionTestClient.uniqueAccount("audit");
        long id;
        try (Connection c = Database.connect()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO positions (account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity, origin,
                                           version, opened_at, updated_at)
                    VALUES (?, 'paper', 'AUDITX', 'BUY', 'ACTIVE', 1, 1, 1, 'COMMAND', 3, now(), now()) RETURNING id""")) {
                s.setString(1, account);
                ResultSet rs = s.executeQuery();
                rs.next();
                id = rs.getLong(1);
            }
            // Versions 1 and 3 only: version 2 is missing.
            for (int v : new int[] { 1, 3 }) {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at)
                        VALUES (?, ?, 'test', 'ACTIVE', 'test', '{}'::jsonb, now())""")) {
                    s.setLong(1, id);
                    s.setInt(2, v);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO reconciliation_observations (account, venue, symbol, kind, side, quantity, position_id, streak,
                                                             first_seen, last_seen)
                    VALUES (?, 'paper', 'AUDITX', 'GHOST', 'BUY', 0, ?, 1, now() - interval '1 hour', now())""")) {
                s.setString(1, account);
                s.setLong(2, id);
                s.executeUpdate();
            }
        }

        JsonPath report = given().auth().oauth2(TestKeys.ADMIN.value()).get("/admin/audit").then().statusCode(200).extract().jsonPath();

        assertThat(report.getList("checks.find { it.check == 'version_gaps' }.rows.position_id", Long.class)).contains(id);
        assertThat(report.getList("checks.find { it.check == 'missing_on_venue' }.rows.position_id", Long.class)).contains(id);
        assertThat(report.getLong("checks.find { it.check == 'duplicate_open' }.count")).isZero();
        assertThat(report.getLong("violations")).isGreaterThanOrEqualTo(2);
        given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200)
                .body(containsString("positrack_audit_violations{check=\"version_gaps\"}"))
                .body(containsString("positrack_audit_violations{check=\"duplicate_open\"} 0.0"));

        // Repaired, the same checks no longer list it.
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("UPDATE positions SET status = 'CLOSED' WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        JsonPath after = given().auth().oauth2(TestKeys.ADMIN.value()).get("/admin/audit").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("checks.find { it.check == 'version_gaps' }.rows.position_id", Long.class)).doesNotContain(id);
    }
}
