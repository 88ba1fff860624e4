package io.positrack.position.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.positrack.infra.PostgresNode;

/** Runs the baseline script with pgbench against the benchmark's database and returns its rate. */
final class Pgbench {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private Pgbench() {
    }

    /** Script executions ("cycles") per second. */
    static double run(Path pgbench, PostgresNode.Database db, Path script, int clients, int seconds, Path out)
            throws IOException, InterruptedException {
        Matcher url = URL.matcher(db.jdbcUrl());
        if (!url.matches()) {
            throw new IllegalStateException("unexpected JDBC URL " + db.jdbcUrl());
        }
        Path log = out.resolve("pgbench.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(pgbench.toString(), "-n", "-r", "-c", Integer.toString(clients), "-j", "2",
                "-T", Integer.toString(seconds), "-f", script.toString(), "-h", url.group(1), "-p", url.group(2), "-U", db.user(),
                url.group(3))).redirectErrorStream(true).redirectOutput(log.toFile());
        // The password through the environment, never the command line.
        builder.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        Process process = builder.start();
        if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher tps = TPS.matcher(output);
        if (process.exitValue() != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench failed (exit " + process.exitValue() + "):\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }
}
