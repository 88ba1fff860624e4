package io.positrack.position.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.positrack.infra.PostgresNode;

/**
 * The fallback when pgbench is not installed: runs the same script from N JDBC connections. It understands
 * exactly what the script uses: {@code \set v random(a, b)}, {@code :client_id}, {@code :v} variables
 * (numbers only), statements ending in {@code ;}, and {@code \gset} after a query returning one row.
 */
final class SqlScriptRunner {

    private static final Pattern SET = Pattern.compile("\\\\set (\\w+) random\\((\\d+), *(\\d+)\\)");
    private static final Pattern VARIABLE = Pattern.compile(":(\\w+)");

    private SqlScriptRunner() {
    }

    static double run(PostgresNode.Database db, String script, int clients, int seconds) throws InterruptedException {
        List<String> lines = script.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).toList();
        AtomicLong cycles = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            runs.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < deadline) {
                        runOnce(connection, lines, client);
                        cycles.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            try {
                run.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("baseline client failed", e.getCause());
            }
        }
        pool.shutdown();
        return cycles.get() / (double) seconds;
    }

    private static void runOnce(Connection connection, List<String> lines, int client) throws Exception {
        Map<String, String> vars = new HashMap<>();
        vars.put("client_id", Integer.toString(client));
        for (String line : lines) {
            Matcher set = SET.matcher(line);
            if (set.matches()) {
                vars.put(set.group(1), Long.toString(ThreadLocalRandom.current().nextLong(Long.parseLong(set.group(2)),
                        Long.parseLong(set.group(3)) + 1)));
                continue;
            }
            boolean gset = line.endsWith("\\gset");
            String sql = substitute(gset ? line.substring(0, line.length() - "\\gset".length()) : line.substring(0, line.length() - 1), vars);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (statement.execute() && gset) {
                    try (ResultSet rs = statement.getResultSet()) {
                        if (rs.next()) {
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                vars.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                            }
                        }
                    }
                }
            }
        }
    }

    private static String substitute(String sql, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            // "::jsonb" casts also match; leave unknown names alone.
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
