package io.positrack.position.outbox;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.positrack.position.support.Clock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Adds messages to the outbox inside the caller's transaction: a message exists if and only if the
 * change it describes committed.
 *
 * <p>The row also keeps the trace context of the work that wrote it (W3C {@code traceparent}, {@code tracestate}), so
 * that the event the relay publishes later, from another thread and maybe another replica, continues the trace of
 * the command that caused it. With tracing off (the default) no span is sampled and nothing is added.
 */
@ApplicationScoped
public class OutboxWriter {

    static final String SOURCE = "/positrack/position-service";

    private final ObjectMapper json;
    private final Clock clock;
    private final OpenTelemetry telemetry;

    public OutboxWriter(ObjectMapper json, Clock clock, OpenTelemetry telemetry) {
        this.json = json;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    public Uni<Void> enqueue(SqlClient client, OutboxMessage message) {
        String payload;
        String headers;
        try {
            payload = json.writeValueAsString(message.payload());
            Map<String, String> all = new HashMap<>(message.cloudEventHeaders(SOURCE, clock.now().toString()));
            Context context = Context.current();
            // Only a sampled trace is worth continuing; an unsampled context would only add headers nobody reads.
            if (Span.fromContext(context).getSpanContext().isSampled()) {
                telemetry.getPropagators().getTextMapPropagator().inject(context, all, Map::put);
            }
            headers = json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise " + message.ceType(), e));
        }
        return client.preparedQuery("""
                INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, headers)
                VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb)""")
                .execute(Tuple.of(message.id(), message.topic(), message.key(), message.ceType(), payload, headers))
                .replaceWithVoid();
    }
}
