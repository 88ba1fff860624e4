package io.positrack.infra.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.positrack.infra.PostgresNode;

/**
 * A hash of every row of every table in a database's {@code public} schema, per table: equal fingerprints before
 * and after a campaign mean no row was inserted, deleted or changed. Flyway's history is left out; it is not data
 * a consumer writes.
 */
public final class TableFingerprint {

    private TableFingerprint() {
    }

    public static Map<String, String> of(PostgresNode.Database database) {
        return of(database.jdbcUrl(), database.user(), database.password());
    }

    /** Table name to {@code rows=<count> md5=<hash of the rows' text in sorted order>}, tables sorted by name. */
    public static Map<String, String> of(String jdbcUrl, String user, String password) {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            // One snapshot for all tables, so a concurrent writer cannot make two tables disagree.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String quoted = "public.\"" + table.replace("\"", "\"\"") + "\"";
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                        + " FROM " + quoted + " t")) {
                    rs.next();
                    fingerprints.put(table, "rows=" + rs.getLong(1) + " md5=" + rs.getString(2));
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fingerprint " + jdbcUrl, e);
        }
        return fingerprints;
    }

    /** The tables whose fingerprint differs, appeared or disappeared, each with "before -> after". */
    public static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changes = new LinkedHashMap<>();
        TreeSet<String> tables = new TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (String table : tables) {
            String a = before.get(table);
            String b = after.get(table);
            if (a == null ? b != null : !a.equals(b)) {
                changes.put(table, a + " -> " + b);
            }
        }
        return changes;
    }
}
