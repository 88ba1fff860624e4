package io.positrack.position.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sets an outbox row aside so that it no longer holds up the rows behind it: marks it, counts it
 * ({@code positrack.outbox.set_aside{topic}}), logs it at ERROR and raises an {@code OUTBOX_ROW_SET_ASIDE}
 * alert through the outbox, in the caller's transaction. The payload is never logged nor copied: it may
 * be large, and an operator reads the row in the database if needed.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // the counters exist at zero from the start, not from the first row set aside
public class SetAsideRows {

    /** Tag of rows whose topic is none of ours; a topic tag per unknown name would be unbounded. */
    static final String OTHER_TOPIC = "other";

    private final OutboxWriter outbox;
    private final Clock clock;
    private final Map<String, Counter> counters = new LinkedHashMap<>();

    public SetAsideRows(OutboxWriter outbox, Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.clock = clock;
        for (String topic : Topics.ALL) {
            counters.put(topic, counter(registry, topic));
        }
        counters.put(OTHER_TOPIC, counter(registry, OTHER_TOPIC));
    }

    private static Counter counter(MeterRegistry registry, String topic) {
        return Counter.builder("positrack.outbox.set_aside").tag("topic", topic)
                .description("Outbox rows set aside unpublished: refused by the broker for good, or too large to send")
                .register(registry);
    }

    public Uni<Void> setAside(SqlClient tx, RoundPlan.SetAside row) {
        // What the alert needs is read here, from the row itself, so the relay never parses payloads.
        return tx.preparedQuery("""
                UPDATE outbox SET set_aside_at = now(), set_aside_reason = $2
                 WHERE seq = $1 AND published_at IS NULL AND set_aside_at IS NULL
                RETURNING aggregatetype, aggregateid, type,
                          coalesce(payload->>'account', payload#>>'{position,account}') AS account,
                          coalesce(payload->>'venue', payload#>>'{position,venue}') AS venue,
                          coalesce(payload->>'symbol', payload#>>'{position,symbol}') AS symbol,
                          coalesce(payload->>'positionId', payload#>>'{position,id}') AS position_id""")
                .execute(Tuple.of(row.seq(), row.reason()))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().voidItem() : recorded(tx, row, rows));
    }

    private Uni<Void> recorded(SqlClient tx, RoundPlan.SetAside row, RowSet<Row> rows) {
        Row r = rows.iterator().next();
        String topic = r.getString("aggregatetype");
        String key = r.getString("aggregateid");
        String type = r.getString("type");
        counters.getOrDefault(topic, counters.get(OTHER_TOPIC)).increment();
        Log.errorf("Outbox row %d (%s to %s, key %s) set aside, not published: %s. GET /admin/audit lists it; "
                + "docs/operations.md says how to retry it", row.seq(), type, topic, key, row.reason());
        if (Topics.ALERTS.equals(topic)) {
            // An alert about an alert the broker refuses could be refused the same way, for ever.
            return Uni.createFrom().voidItem();
        }
        Long positionId = positionId(r.getString("position_id"));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("seq", Long.toString(row.seq()));
        details.put("topic", topic);
        details.put("key", key);
        details.put("type", type);
        details.put("reason", row.reason());
        Alert alert = new Alert(UUID.randomUUID().toString(), Alert.OUTBOX_ROW_SET_ASIDE, r.getString("account"), r.getString("venue"),
                r.getString("symbol"), positionId,
                "Outbox row %d (%s to %s) was not published: %s".formatted(row.seq(), type, topic, row.reason()), details, clock.now());
        return outbox.enqueue(tx, OutboxMessage.of(Topics.ALERTS, key, "alert-" + alert.alertId(), "io.positrack.alert." + alert.type(),
                positionId != null ? positionId.toString() : "outbox-" + row.seq(), alert));
    }

    private static Long positionId(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
