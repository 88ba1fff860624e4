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

    private final Embedded embedded;
    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String databaseSuffix;
    private final boolean dropDatabasesOnClose;
    private final List<String> created = new ArrayList<>();

    private PostgresNode(Embedded embedded, String adminJdbcUrl, String user, String password,
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
            // Our own data directory and port rather than the library's, so that a restart finds both again.
            Optional<Path> configured = settings.dataDirectory().map(d -> d.resolve("postgres"));
            Path dir = configured.isPresent() ? configured.get() : Files.createTempDirectory("positrack-postgres");
            Files.createDirectories(dir);
            Embedded embedded = new Embedded(dir, configured.isEmpty(), ServiceProcess.freePort(), settings.durablePostgres());
            embedded.start();
            String url = "jdbc:postgresql://localhost:" + embedded.port + "/postgres?user=postgres";
            return new PostgresNode(embedded, url, "postgres", "", "", false);
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

    /** The operating-system process id of the embedded server's postmaster, when embedded and running. */
    public Optional<Long> serverPid() {
        return Optional.ofNullable(embedded).flatMap(Embedded::postmasterPid);
    }

    /**
     * Immediate shutdown, as {@code pg_ctl stop -m immediate} does it: SIGQUIT to the postmaster, which makes every
     * backend quit at once without a checkpoint; the next start replays the WAL. Committed work survives only if it
     * reached the WAL before the stop: a node started with {@link InfraSettings#durablePostgres()} off runs with
     * {@code synchronous_commit=off} and may lose its last commits (fsync off matters only if the machine itself
     * goes down). Embedded servers only.
     */
    public synchronized void stopImmediately() {
        requireEmbedded().stop("QUIT");
    }

    /** SIGKILL of the postmaster and of every backend, as when the server's container is killed. Embedded servers only. */
    public synchronized void kill() {
        requireEmbedded().stop("KILL");
    }

    /** Starts the server again on the same port and data directory (stopping it fast first if it still runs). */
    public synchronized void restart() {
        Embedded server = requireEmbedded();
        server.closeLibrary();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart embedded PostgreSQL", e);
        }
    }

    /** The port clients connect to; the same across restarts. */
    public int port() {
        return URI.create(adminJdbcUrl.substring("jdbc:".length())).getPort();
    }

    private Embedded requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("Only an embedded server can be stopped and restarted by the tests");
        }
        return embedded;
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
            embedded.closeLibrary();
            if (embedded.deleteOnClose) {
                DataDirectories.delete(embedded.dataDirectory);
            }
        }
    }

    /**
     * The embedded server: the library's instance of the moment (a new one per start), on a data directory and port
     * that stay the same across restarts.
     */
    private static final class Embedded {

        private final Path dataDirectory;
        private final boolean deleteOnClose;
        private final int port;
        private final boolean durable;
        private EmbeddedPostgres library;

        Embedded(Path dataDirectory, boolean deleteOnClose, int port, boolean durable) {
            this.dataDirectory = dataDirectory;
            this.deleteOnClose = deleteOnClose;
            this.port = port;
            this.durable = durable;
        }

        void start() throws IOException {
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setDataDirectory(dataDirectory)
                    // Never the library's initdb over existing data: a restart must find the rows it left.
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Room for every service's pool plus concurrent test clients.
                    .setServerConfig("max_connections", "300");
            if (durable) {
                // zonky starts postgres with -F (fsync off) and sets synchronous_commit=off by default: fast, but a server
                // killed under load loses commits it has already acknowledged. Its -c options come after -F on the command
                // line, and the last setting of an option wins, so these turn both back on.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            library = builder.start();
            LOG.infof("Embedded PostgreSQL ready on port %d in %d ms", port, (System.nanoTime() - started) / 1_000_000);
        }

        Optional<Long> postmasterPid() {
            try {
                Path pidFile = dataDirectory.resolve("postmaster.pid");
                if (!Files.exists(pidFile)) {
                    return Optional.empty();
                }
                return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the postmaster pid", e);
            }
        }

        /** Sends the signal (QUIT or KILL) to the postmaster, with KILL to its children too, and waits until all are gone. */
        void stop(String signal) {
            Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (postmaster.isEmpty()) {
                throw new IllegalStateException("The embedded PostgreSQL server is not running");
            }
            List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
            all.add(0, postmaster.get());
            if ("KILL".equals(signal)) {
                // The postmaster first, so that it cannot start new backends; a backend that has already exited on its
                // own is not an error (destroyForcibly is SIGKILL and says nothing of a process that is gone).
                all.forEach(ProcessHandle::destroyForcibly);
            } else {
                signal(postmaster.get().pid(), signal);
            }
            // Not ProcessHandle.onExit(): for a process that is not our child it polls with a backoff that adds up to
            // two seconds to a stop that takes milliseconds. Polling another process: nothing to wait on but time.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            for (ProcessHandle process : all) {
                while (process.isAlive()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("PostgreSQL process " + process.pid() + " did not exit after SIG" + signal);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
            LOG.infof("Embedded PostgreSQL on port %d stopped with SIG%s", port, signal);
            // Releases the library's lock on the data directory; its own "pg_ctl stop" finds no server and says so.
            closeLibrary();
        }

        private static void signal(long pid, String signal) {
            try {
                // ProcessHandle can only send TERM and KILL; PostgreSQL's immediate shutdown is QUIT.
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
                if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                            + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while signalling PostgreSQL", e);
            }
        }

        void closeLibrary() {
            if (library != null) {
                try {
                    library.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    library = null;
                }
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

        /** A new JDBC connection, straight to the server (a test's own view, not the service's pool). */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        /**
         * The first column of the first row of {@code sql} as a number, usually a {@code count(*)}: the one home of the
         * tests' "how many rows" assertions. A {@code String[]} parameter is bound as a {@code text[]}.
         */
        public long count(String sql, Object... params) {
            try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    if (params[i] instanceof String[] array) {
                        s.setArray(i + 1, c.createArrayOf("text", array));
                    } else {
                        s.setObject(i + 1, params[i]);
                    }
                }
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }
}
