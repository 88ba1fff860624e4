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

    @Test
    void rowCommittedBeforeAnImmediateStopIsThereAfterRestartOnTheSamePort() throws SQLException {
        try (PostgresNode pg = PostgresNode.start(EMBEDDED.withDurablePostgres(true))) {
            PostgresNode.Database db = pg.database("probe");
            try (Connection c = connect(db)) {
                c.createStatement().execute("CREATE TABLE survives (id int PRIMARY KEY)");
                c.createStatement().execute("INSERT INTO survives VALUES (1)");
            }
            long pid = pg.serverPid().orElseThrow();
            int port = pg.port();

            long stopping = System.nanoTime();
            pg.stopImmediately();
            long stopped = System.nanoTime();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("postmaster gone").isFalse();
            assertThatThrownBy(() -> connect(db).close()).isInstanceOf(SQLException.class);
            long restarting = System.nanoTime();
            pg.restart();
            long restarted = System.nanoTime();

            assertThat(pg.port()).isEqualTo(port);
            assertThat(pg.serverPid()).hasValueSatisfying(newPid -> assertThat(newPid).isNotEqualTo(pid));
            try (Connection c = connect(db)) {
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM survives WHERE id = 1");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            System.out.printf("PostgresNode: immediate stop %d ms, restart with WAL replay %d ms%n",
                    (stopped - stopping) / 1_000_000, (restarted - restarting) / 1_000_000);
        }
    }

    @Test
    void rowCommittedBeforeSigkillOfEveryServerProcessIsThereAfterRestart() throws SQLException {
        try (PostgresNode pg = PostgresNode.start(EMBEDDED.withDurablePostgres(true))) {
            PostgresNode.Database db = pg.database("probe");
            try (Connection c = connect(db)) {
                c.createStatement().execute("CREATE TABLE survives_kill (id int PRIMARY KEY)");
                c.createStatement().execute("INSERT INTO survives_kill VALUES (7)");
            }
            long pid = pg.serverPid().orElseThrow();

            pg.kill();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            pg.restart();

            try (Connection c = connect(db)) {
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM survives_kill WHERE id = 7");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static Connection connect(PostgresNode.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
