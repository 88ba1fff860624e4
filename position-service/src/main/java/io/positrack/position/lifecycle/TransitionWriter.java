package io.positrack.position.lifecycle;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.outbox.OutboxMessage;
import io.positrack.position.outbox.OutboxWriter;
import io.positrack.position.support.Clock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a transition the one way it may be written: the conditional update of the position, its
 * audit row with the next version, and the event in the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class TransitionWriter {

    private final PositionRepository positions;
    private final OutboxWriter outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry registry;

    public TransitionWriter(PositionRepository positions, OutboxWriter outbox, ObjectMapper json, Clock clock,
            MeterRegistry registry) {
        this.registry = registry;
        this.positions = positions;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Moves {@code before} to {@code after} if nobody moved it first. Returns the new snapshot, or
     * {@code null} when the conditional update found the row changed (somebody else won).
     */
    public Uni<PositionSnapshot> transition(SqlClient client, PositionSnapshot before, PositionSnapshot after,
            PositionEventType type, String cause) {
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("a transition advances the version by exactly one");
        }
        if (Lifecycle.next(before.status(), type).filter(s -> s == after.status()).isEmpty()) {
            throw new IllegalStateException(type + " may not move " + before.status() + " to " + after.status());
        }
        long start = System.nanoTime();
        return positions.updateIfUnchanged(client, before, after)
                .flatMap(updated -> updated ? record(client, after, type, cause).replaceWith(after) : Uni.createFrom().nullItem())
                .invoke(written -> latency(type, written != null).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /**
     * Time to write one transition inside its transaction (conditional update, audit row, outbox row),
     * by type; {@code applied=false} counts the conditional updates that found the row changed.
     */
    private Timer latency(PositionEventType type, boolean applied) {
        return Timer.builder("positrack.transitions.latency").description("Time to write one transition in its transaction")
                .tag("type", type.name()).tag("applied", Boolean.toString(applied)).register(registry);
    }

    /** Records the first version of a position this transaction created. */
    public Uni<PositionSnapshot> created(SqlClient client, PositionSnapshot created, PositionEventType type, String cause) {
        return record(client, created, type, cause).replaceWith(created);
    }

    private Uni<Void> record(SqlClient client, PositionSnapshot p, PositionEventType type, String cause) {
        PositionEvent event = new PositionEvent(PositionEvent.eventId(p.id(), p.version()), type, p.id(), p.version(), cause,
                p.updatedAt() != null ? p.updatedAt() : clock.now(), p);
        String snapshot;
        try {
            snapshot = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return client.preparedQuery("""
                INSERT INTO position_events (position_id, version, type, status, cause, snapshot, occurred_at)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)""")
                .execute(Tuple.of(p.id(), p.version(), type.name(), p.status().name(), cause, snapshot)
                        .addValue(PositionRows.timestamp(event.occurredAt())))
                .flatMap(ignored -> outbox.enqueue(client, OutboxMessage.of(Topics.POSITION_EVENTS, p.symbol(),
                        event.eventId(), type.cloudEventType(), Long.toString(p.id()), event)));
    }
}
