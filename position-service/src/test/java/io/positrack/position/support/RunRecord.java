package io.positrack.position.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.infra.PostgresNode;

/**
 * What a run against a packaged position-service left behind, read back the way the crash and randomized runs
 * check it: the service's database (through JDBC, never through the service) and what a plain consumer saw on
 * {@code command-results} and {@code position-events}. Shared by the paper and the Binance runs, so both hold
 * the service to the same checks.
 */
public final class RunRecord {

    private final PostgresNode.Database db;
    private final PositionTestClient client;

    public RunRecord(PostgresNode.Database db, PositionTestClient client) {
        this.db = db;
        this.client = client;
    }

    public Connection connect() throws SQLException {
        return db.connect();
    }

    /** The single number a query returns; a {@code String[]} parameter is bound as a text array. */
    public long count(String sql, Object... params) {
        return db.count(sql, params);
    }

    /** "key=count, ..." of a two-column query, for the figures a run prints. */
    public String breakdown(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : ", ").append(rs.getString(1)).append('=').append(rs.getLong(2));
            }
        }
        return out.toString();
    }

    /** The account's results on {@code command-results}, by command id (a republished result appears twice). */
    public Map<String, List<ConsumerRecord<String, String>>> answered(String account) {
        Map<String, List<ConsumerRecord<String, String>>> byCommand = new HashMap<>();
        for (ConsumerRecord<String, String> r : client.results.all()) {
            if (r.value().contains("\"" + account + "\"")) {
                String commandId = PositionTestClient.read(r.value(), CommandResult.class).commandId();
                byCommand.computeIfAbsent(commandId, id -> new ArrayList<>()).add(r);
            }
        }
        return byCommand;
    }

    /**
     * Walks position-events as a consumer does: per position, a version equal to one already seen is a
     * republished copy (it must be identical); otherwise versions must go up by exactly one. The result
     * must equal the audit table row by row.
     *
     * @return the number of republished copies seen
     */
    public int assertEventsContiguousAndEqualToAuditTrail(String account) throws SQLException {
        Map<Long, List<PositionEvent>> seen = new HashMap<>();
        int copies = 0;
        for (ConsumerRecord<String, String> record : client.events.all()) {
            if (!record.value().contains("\"" + account + "\"")) {
                continue;
            }
            PositionEvent event = PositionTestClient.read(record.value(), PositionEvent.class);
            List<PositionEvent> history = seen.computeIfAbsent(event.positionId(), id -> new ArrayList<>());
            if (event.version() <= history.size()) {
                assertThat(event).as("republished copy of %s", event.eventId()).isEqualTo(history.get((int) event.version() - 1));
                copies++;
            } else {
                assertThat(event.version()).as("next version of position %d", event.positionId()).isEqualTo(history.size() + 1);
                history.add(event);
            }
        }
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("""
                SELECT e.position_id, e.version, e.type, e.status FROM position_events e JOIN positions p ON p.id = e.position_id
                 WHERE p.account = ? ORDER BY e.position_id, e.version""")) {
            s.setString(1, account);
            ResultSet rs = s.executeQuery();
            Set<Long> positions = new HashSet<>();
            while (rs.next()) {
                long id = rs.getLong(1);
                positions.add(id);
                PositionEvent onKafka = seen.getOrDefault(id, List.of()).get((int) rs.getLong(2) - 1);
                assertThat(onKafka.type().name()).isEqualTo(rs.getString(3));
                assertThat(onKafka.position().status().name()).isEqualTo(rs.getString(4));
            }
            assertThat(seen.keySet()).isEqualTo(positions);
        }
        return copies;
    }

    /** Distinct event ids of the account seen on position-events. */
    public long distinctEventVersions(String account) {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> r : client.events.all()) {
            if (r.value().contains("\"" + account + "\"")) {
                ids.add(PositionTestClient.read(r.value(), PositionEvent.class).eventId());
            }
        }
        return ids.size();
    }

    /** Rows of the account's audit trail. */
    public long auditRows(String account) {
        return count("SELECT count(*) FROM position_events e JOIN positions p ON p.id = e.position_id WHERE p.account = ?", account);
    }

    /** What the database holds open per symbol, signed (long positive, short negative), flat symbols left out. */
    public Map<String, BigDecimal> openInDatabase(String account) throws SQLException {
        return signedQuantities(account, """
                SELECT symbol, CASE side WHEN 'BUY' THEN remaining_quantity ELSE -remaining_quantity END FROM positions
                 WHERE account = ? AND status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE', 'CLOSING')""");
    }

    /** Non-zero signed quantities by symbol, from a query of one account parameter returning (symbol, signed quantity). */
    public Map<String, BigDecimal> signedQuantities(String account, String sql) throws SQLException {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, account);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                BigDecimal q = rs.getBigDecimal(2).stripTrailingZeros();
                if (q.signum() != 0) {
                    out.merge(rs.getString(1), q, BigDecimal::add);
                }
            }
        }
        return out;
    }

    /** The service's own counters named {@code name} (since its last start), for the printed figures. */
    public static List<String> metricLines(String managementUrl, String name) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(managementUrl + "/q/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length())).toList();
        } catch (Exception e) {
            return List.of(e.toString());
        }
    }
}
