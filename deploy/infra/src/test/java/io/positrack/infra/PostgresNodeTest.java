package io.positrack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PostgresNodeTest {

    private static final InfraSettings EMBEDDED = new InfraSettings(1, Optional.empty(), "postgres", "", Optional.empty());

    @Test
    void embeddedServerIsARealPostgresql() throws SQLException {
        try (PostgresNode pg = PostgresNode.start(EMBEDDED); Connection c = connect(pg.database("probe"))) {
            ResultSet rs = c.createStatement().executeQuery("SHOW server_version");
            rs.next();
            assertThat(rs.getString(1)).matches("\\d+\\.\\d+.*");
            assertThat(Integer.parseInt(rs.getString(1).split("\\.")[0])).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void partialUniqueIndexRejectsASecondOpenRowButAllowsClosedOnes() throws SQLException {
        try (PostgresNode pg = PostgresNode.start(EMBEDDED); Connection c = connect(pg.database("probe"))) {
            Statement s = c.createStatement();
            s.execute("CREATE TABLE probe_positions (id serial PRIMARY KEY, symbol text NOT NULL, status text NOT NULL)");
            s.execute("CREATE UNIQUE INDEX probe_one_open ON probe_positions (symbol) WHERE status IN ('PENDING','ACTIVE')");
            s.execute("INSERT INTO probe_positions (symbol, status) VALUES ('XAUUSD', 'ACTIVE')");
            s.execute("INSERT INTO probe_positions (symbol, status) VALUES ('XAUUSD', 'CLOSED')");
            s.execute("INSERT INTO probe_positions (symbol, status) VALUES ('XAUUSD', 'CLOSED')");

            assertThatThrownBy(() -> s.execute("INSERT INTO probe_positions (symbol, status) VALUES ('XAUUSD', 'PENDING')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void twoServersAtOnceUseSeparatePortsAndData() throws SQLException {
        try (PostgresNode first = PostgresNode.start(EMBEDDED); PostgresNode second = PostgresNode.start(EMBEDDED)) {
            PostgresNode.Database a = first.database("probe");
            PostgresNode.Database b = second.database("probe");
            assertThat(a.jdbcUrl()).isNotEqualTo(b.jdbcUrl());
            try (Connection ca = connect(a); Connection cb = connect(b)) {
                ca.createStatement().execute("CREATE TABLE only_in_first (id int)");
                ResultSet rs = cb.createStatement().executeQuery("SELECT to_regclass('only_in_first') IS NULL");
                rs.next();
                assertThat(rs.getBoolean(1)).as("second server must not see the first one's table").isTrue();
            }
        }
    }

    @Test
    void closingStopsTheServerProcess() {
        PostgresNode pg = PostgresNode.start(EMBEDDED);
        long pid = pg.serverPid().orElseThrow();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        pg.close();

        // pg_ctl returns once the server stopped accepting work; the process exit follows.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    private static Connection connect(PostgresNode.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
