package io.positrack.position.outbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One outbox row as the relay sends it.
 *
 * @param topic the outbox's {@code aggregatetype}
 * @param key the outbox's {@code aggregateid}, the Kafka key
 * @param payload the value, as JSON text
 * @param headers the Kafka headers (CloudEvents attributes)
 */
record OutboxRow(long seq, String topic, String key, String payload, Map<String, String> headers) {

    static OutboxRow of(Row row) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> header : new JsonObject(row.getString("headers"))) {
            headers.put(header.getKey(), String.valueOf(header.getValue()));
        }
        return new OutboxRow(row.getLong("seq"), row.getString("aggregatetype"), row.getString("aggregateid"),
                row.getString("payload"), headers);
    }

    /** What the record weighs before the producer's framing: key, value, header names and values, in UTF-8. */
    int bytes() {
        int bytes = utf8(key) + utf8(payload);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            bytes += utf8(header.getKey()) + utf8(header.getValue());
        }
        return bytes;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
