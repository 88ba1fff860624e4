package io.positrack.position.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.positrack.infra.PostgresNode;

/**
 * The service's SQL for one open → close cycle ({@code bench/open-close-cycle.sql}) without Kafka or the service:
 * pgbench when installed, else the same script through JDBC ({@link SqlScriptRunner}). One script execution is two
 * commands.
 */
record SqlBaseline(String tool, int connections, int seconds, double cyclesPerSecond) {

    static SqlBaseline run(PostgresNode.Database db, int connections, int seconds, Path out) throws IOException, InterruptedException {
        Path script = out.resolve("open-close-cycle.sql");
        try (var in = SqlBaseline.class.getResourceAsStream("/bench/open-close-cycle.sql")) {
            Files.write(script, in.readAllBytes());
        }
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (Files.isExecutable(pgbench)) {
            return new SqlBaseline("pgbench", connections, seconds, Pgbench.run(pgbench, db, script, connections, seconds, out));
        }
        return new SqlBaseline("JDBC", connections, seconds, SqlScriptRunner.run(db, Files.readString(script), connections, seconds));
    }

    double commandsPerSecond() {
        return cyclesPerSecond * 2;
    }
}
