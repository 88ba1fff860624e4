package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/** V8 on a database that already holds inbox rows: nothing claimed before the upgrade can be applied again. */
class InboxMigrationTest {

    @Test
    void commandsClaimedBeforeTheUpgradeKeepTheirClaimUnderTheirAccount() throws Exception {
        PostgresNode.Database db = PositrackTestInfrastructure.infrastructure().postgres().database("inbox_migration");
        migrate(db, "6");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO inbox (source, message_id) VALUES
                        ('position-commands', 'cmd-1'), ('position-commands', 'cmd-lost'), ('venue-events', 'pt-1-e-1:NEW:')""");
            // The result CommandProcessor wrote in cmd-1's transaction; cmd-lost has none (it cannot happen, but must not fail).
            s.execute("""
                    INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)
                    VALUES (gen_random_uuid(), 'command-results', 'XAUUSD', 'io.positrack.command.Result',
                            '{"commandId": "cmd-1", "account": "acc-1", "outcome": "OPENED"}')""");

            migrate(db, "latest");

            assertThat(rows(s, "SELECT source || '/' || account || '/' || message_id || '/' || coalesce(content_hash, 'null') "
                    + "FROM inbox ORDER BY source, message_id")).isEqualTo("position-commands/acc-1/cmd-1/null, position-commands//cmd-lost/null, "
                            + "venue-events//pt-1-e-1:NEW:/null");
            assertThat(rows(s, """
                    SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum)) FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                    WHERE i.indrelid = 'inbox'::regclass AND i.indisprimary""")).isEqualTo("source,account,message_id");
        }
    }

    private static void migrate(PostgresNode.Database db, String target) {
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration").target(target)
                .load().migrate();
    }

    private static String rows(Statement s, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.append(out.isEmpty() ? "" : ", ").append(rs.getString(1));
            }
        }
        return out.toString();
    }
}
