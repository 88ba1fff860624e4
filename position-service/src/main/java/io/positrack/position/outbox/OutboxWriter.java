package io.positrack.position.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.position.support.Clock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Adds messages to the outbox inside the caller's transaction: a message exists if and only if the
 * change it describes committed.
 */
@ApplicationScoped
public class OutboxWriter {

    static final String SOURCE = "/positrack/position-service";

    private final ObjectMapper json;
    private final Clock clock;

    public OutboxWriter(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> enqueue(SqlClient client, OutboxMessage message) {
        String payload;
        String headers;
        try {
            payload = json.writeValueAsString(message.payload());
            headers = json.writeValueAsString(message.cloudEventHeaders(SOURCE, clock.now().toString()));
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
