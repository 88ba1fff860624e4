package io.positrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.PostgresNode;

/**
 * The local run's PostgreSQL keeps what it acknowledged: a server killed under load once lost positions already
 * answered OPENED because the embedded library runs it with fsync and synchronous commit off.
 */
class LocalRunDurabilityTest {

    /** Embedded binaries, whatever the environment points tests at; fast, as tests run it. */
    private static final InfraSettings TEST_DEFAULTS = new InfraSettings(1, Optional.empty(), "postgres", "", Optional.empty());

    @TempDir
    Path repo;

    @Test
    void theLocalRunsPostgresqlSyncsEveryCommitByDefault() throws SQLException {
        LaunchOptions options = LaunchOptions.parse(new String[0], Map.of(), repo).orElseThrow();

        try (PostgresNode pg = PostgresNode.start(LocalSystem.infraSettings(options, TEST_DEFAULTS))) {
            assertThat(show(pg, "fsync")).isEqualTo("on");
            assertThat(show(pg, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void fastUnsafeRunsPostgresqlWithoutFsync() throws SQLException {
        LaunchOptions options = LaunchOptions.parse(new String[] { "--fast-unsafe" }, Map.of(), repo).orElseThrow();

        try (PostgresNode pg = PostgresNode.start(LocalSystem.infraSettings(options, TEST_DEFAULTS))) {
            assertThat(show(pg, "fsync")).isEqualTo("off");
            assertThat(show(pg, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void theDemoStaysDurableAndFreshWhateverTheEnvironmentsDataDirectory() {
        LaunchOptions demo = LaunchOptions.parse(new String[] { "--demo" }, Map.of(), repo).orElseThrow();

        InfraSettings settings = LocalSystem.infraSettings(demo, TEST_DEFAULTS.withDataDirectory(repo.resolve("kept")));

        assertThat(settings.durablePostgres()).isTrue();
        assertThat(settings.dataDirectory()).isEmpty();
    }

    private static String show(PostgresNode pg, String setting) throws SQLException {
        PostgresNode.Database db = pg.database("probe");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
