package io.positrack.infra;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the infrastructure is asked to be, read from system properties first and environment
 * variables second, so that an operator can point the tests or the local run at their own
 * PostgreSQL without editing anything.
 *
 * @param partitions partition count of every project topic (all topics share it, see {@code Topics})
 * @param postgresUrl JDBC URL of an existing PostgreSQL server with the right to create databases; empty
 *        means "start embedded PostgreSQL binaries"
 * @param postgresUser user for {@code postgresUrl}
 * @param postgresPassword password for {@code postgresUrl}; never logged
 * @param dataDirectory where the embedded broker and database keep their files; empty means a fresh
 *        temporary directory that is deleted on close
 * @param durablePostgres whether embedded PostgreSQL writes durably ({@code fsync} and {@code synchronous_commit} on):
 *        the local run's default. Off, the library's defaults, is faster and loses committed work when the server is
 *        killed: for tests, whose data is thrown away, and {@code --fast-unsafe} demos
 */
public record InfraSettings(int partitions, Optional<String> postgresUrl, String postgresUser,
        String postgresPassword, Optional<Path> dataDirectory, boolean durablePostgres) {

    public static final int DEFAULT_PARTITIONS = 4;

    public InfraSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
    }

    /** Settings whose embedded PostgreSQL is fast and not durable, as tests want it. */
    public InfraSettings(int partitions, Optional<String> postgresUrl, String postgresUser, String postgresPassword,
            Optional<Path> dataDirectory) {
        this(partitions, postgresUrl, postgresUser, postgresPassword, dataDirectory, false);
    }

    /**
     * Settings from {@code positrack.infra.*} system properties or {@code POSITRACK_INFRA_*} variables. Embedded
     * PostgreSQL is not durable unless {@code postgres.durable} is {@code true}: tests keep the fast setting.
     */
    public static InfraSettings fromEnvironment() {
        return new InfraSettings(
                Integer.parseInt(read("partitions").orElse(Integer.toString(DEFAULT_PARTITIONS))),
                read("postgres.url"),
                read("postgres.user").orElse("postgres"),
                read("postgres.password").orElse(""),
                read("data.dir").map(Path::of),
                read("postgres.durable").map(Boolean::parseBoolean).orElse(false));
    }

    public InfraSettings withDataDirectory(Path directory) {
        return new InfraSettings(partitions, postgresUrl, postgresUser, postgresPassword, Optional.of(directory), durablePostgres);
    }

    public InfraSettings withTemporaryData() {
        return new InfraSettings(partitions, postgresUrl, postgresUser, postgresPassword, Optional.empty(), durablePostgres);
    }

    public InfraSettings withDurablePostgres(boolean durable) {
        return new InfraSettings(partitions, postgresUrl, postgresUser, postgresPassword, dataDirectory, durable);
    }

    private static Optional<String> read(String key) {
        String property = System.getProperty("positrack.infra." + key);
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String env = System.getenv("POSITRACK_INFRA_" + key.toUpperCase().replace('.', '_'));
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env);
    }

    @Override
    public String toString() {
        // Records print every component; the password must never reach a log line.
        return "InfraSettings[partitions=" + partitions + ", postgresUrl=" + postgresUrl.orElse("<embedded>")
                + ", postgresUser=" + postgresUser + ", dataDirectory=" + dataDirectory.map(Path::toString).orElse("<temporary>")
                + ", durablePostgres=" + durablePostgres + "]";
    }
}
