package io.positrack.infra.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.PostgresNode;

class TableFingerprintTest {

    private static final InfraSettings EMBEDDED = new InfraSettings(1, Optional.empty(), "postgres", "", Optional.empty());

    @Test
    void fingerprintChangesWithAnInsertOrAnUpdateNamesTheTableAndIgnoresFlywayHistory() throws SQLException {
        try (PostgresNode pg = PostgresNode.start(EMBEDDED)) {
            PostgresNode.Database db = pg.database("fingerprint");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE positions (id bigint PRIMARY KEY, symbol text, quantity numeric(38,18))");
                s.execute("CREATE TABLE \"Inbox\" (id text PRIMARY KEY)");
                s.execute("CREATE TABLE flyway_schema_history (installed_rank int)");
                s.execute("INSERT INTO positions VALUES (1, 'XAUUSD', 0.5)");

                Map<String, String> before = TableFingerprint.of(db);
                assertThat(before).containsOnlyKeys("Inbox", "positions");
                assertThat(before.get("Inbox")).startsWith("rows=0 ");
                assertThat(TableFingerprint.of(db)).isEqualTo(before);

                s.execute("INSERT INTO flyway_schema_history VALUES (2)");
                assertThat(TableFingerprint.changes(before, TableFingerprint.of(db))).isEmpty();

                s.execute("INSERT INTO \"Inbox\" VALUES ('fz-000001')");
                Map<String, String> afterInsert = TableFingerprint.of(db);
                assertThat(TableFingerprint.changes(before, afterInsert)).containsOnlyKeys("Inbox");

                s.execute("UPDATE positions SET quantity = 0.6 WHERE id = 1");
                assertThat(TableFingerprint.changes(afterInsert, TableFingerprint.of(db))).containsOnlyKeys("positions");
            }
        }
    }

    @Test
    void tablesOutsidePublicAreFingerprintedUnderTheirSchemaName() throws SQLException {
        try (PostgresNode pg = PostgresNode.start(EMBEDDED)) {
            PostgresNode.Database db = pg.database("fingerprint_schemas");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE positions (id bigint PRIMARY KEY)");
                s.execute("CREATE SCHEMA paper");
                s.execute("CREATE TABLE paper.orders (client_order_id text PRIMARY KEY, status text)");
                s.execute("INSERT INTO paper.orders VALUES ('pt-1-e-1', 'NEW')");

                Map<String, String> before = TableFingerprint.of(db);
                assertThat(before).containsOnlyKeys("positions", "paper.orders");

                s.execute("UPDATE paper.orders SET status = 'FILLED'");
                assertThat(TableFingerprint.changes(before, TableFingerprint.of(db))).containsOnlyKeys("paper.orders");
            }
        }
    }
}
