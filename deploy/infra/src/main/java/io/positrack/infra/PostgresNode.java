package io.positrack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: the operator's own when a URL is configured, otherwise embedded
 * PostgreSQL binaries from Maven artifacts (run through {@code unshare -U} when we are root, because
 * PostgreSQL refuses to run as root).
 *
 * <p>Each service gets a database of its own, as in production where no service reads another's
 * tables. On an operator's server the databases get a random suffix and are dropped on close, so two
 * test runs against the same server never see each other's rows.
 */
public final class PostgresNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresNode.class);

    private final EmbeddedPostgres embedded;
    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String databaseSuffix;
    private final boolean dropDatabasesOnClose;
    private final List<String> created = new ArrayList<>();

    private PostgresNode(EmbeddedPostgres embedded, String adminJdbcUrl, String user, String password,
            String databaseSuffix, boolean dropDatabasesOnClose) {
        this.embedded = embedded;
        this.adminJdbcUrl = adminJdbcUrl;
        this.user = user;
        this.password = password;
        this.databaseSuffix = databaseSuffix;
        this.dropDatabasesOnClose = dropDatabasesOnClose;
    }

    public static PostgresNode start(InfraSettings settings) {
        if (settings.postgresUrl().isPresent()) {
            String suffix = "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            LOG.infof("Using the configured PostgreSQL server; databases get suffix %s", suffix);
            return new PostgresNode(null, settings.postgresUrl().get(), settings.postgresUser(),
                    settings.postgresPassword(), suffix, true);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // Room for every service's pool plus concurrent test clients.
                    .setServerConfig("max_connections", "300");
            if (settings.durablePostgres()) {
                // zonky starts postgres with -F (fsync off) and sets synchronous_commit=off by default: fast, but a server
                // killed under load loses commits it has already acknowledged. Its -c options come after -F on the command
                // line, and the last setting of an option wins, so these turn both back on.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            Optional<Path> dir = settings.dataDirectory().map(d -> d.resolve("postgres"));
            if (dir.isPresent()) {
                Files.createDirectories(dir.get());
                builder.setDataDirectory(dir.get()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            String url = pg.getJdbcUrl("postgres", "postgres");
            LOG.infof("Embedded PostgreSQL ready on port %d", pg.getPort());
            return new PostgresNode(pg, url, "postgres", "", "", false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** Creates (if needed) the database for a service and returns how to reach it. */
    public synchronized Database database(String name) {
        String dbName = name + databaseSuffix;
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + dbName + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + dbName);
                created.add(dbName);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + dbName, e);
        }
        URI admin = URI.create(adminJdbcUrl.substring("jdbc:".length()));
        String hostPort = admin.getHost() + ":" + admin.getPort();
        return new Database("jdbc:postgresql://" + hostPort + "/" + dbName,
                "postgresql://" + hostPort + "/" + dbName, user, password);
    }

    /** The operating-system process id of the embedded server's postmaster, when embedded. */
    public Optional<Long> serverPid() {
        return Optional.ofNullable(embedded).map(pg -> readPostmasterPid());
    }

    private Long readPostmasterPid() {
        try {
            // EmbeddedPostgres does not expose its data directory; ask the server itself.
            try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
                    Statement s = c.createStatement()) {
                var rs = s.executeQuery("SHOW data_directory");
                rs.next();
                String first = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0);
                return Long.parseLong(first.trim());
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not read the postmaster pid", e);
        }
    }

    @Override
    public synchronized void close() {
        if (dropDatabasesOnClose) {
            try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
                    Statement s = c.createStatement()) {
                for (String db : created) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                LOG.warnf("Could not drop test databases %s: %s", created, e.getMessage());
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Connection details of one service database.
     *
     * @param jdbcUrl for Flyway and JDBC tools
     * @param reactiveUrl for the Vert.x reactive client ({@code postgresql://host:port/db})
     */
    public record Database(String jdbcUrl, String reactiveUrl, String user, String password) {
        @Override
        public String toString() {
            return "Database[" + jdbcUrl + ", user=" + user + "]";
        }
    }
}
