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
 * A hash of every row of every table in a database's own schemas ({@code public} and any other a service created,
 * such as position-service's {@code paper}), per table: equal fingerprints before and after a campaign mean no row
 * was inserted, deleted or changed. Flyway's history is left out; it is not data a consumer writes.
 */
public final class TableFingerprint {

    private TableFingerprint() {
    }

    public static Map<String, String> of(PostgresNode.Database database) {
        return of(database.jdbcUrl(), database.user(), database.password());
    }

    /**
     * Table name to {@code rows=<count> md5=<hash of the rows' text in sorted order>}, tables sorted by name; a table
     * outside {@code public} is named {@code <schema>.<table>}.
     */
    public static Map<String, String> of(String jdbcUrl, String user, String password) {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            // One snapshot for all tables, so a concurrent writer cannot make two tables disagree.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                    + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'"
                    + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY 1, 2")) {
                while (rs.next()) {
                    tables.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
            for (String[] table : tables) {
                String quoted = quote(table[0]) + "." + quote(table[1]);
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                        + " FROM " + quoted + " t")) {
                    rs.next();
                    String name = table[0].equals("public") ? table[1] : table[0] + "." + table[1];
                    fingerprints.put(name, "rows=" + rs.getLong(1) + " md5=" + rs.getString(2));
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fingerprint " + jdbcUrl, e);
        }
        return fingerprints;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
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
