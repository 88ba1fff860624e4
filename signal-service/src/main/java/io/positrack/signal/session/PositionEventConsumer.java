package io.positrack.signal.session;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.signal.deadletter.DeadLetterPublisher;
import io.positrack.signal.support.TransientFailures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The {@code position-events} consumer that feeds the session read model. The offset is committed only
 * after the event is applied, so a restart re-reads what was not applied, and the version check of
 * {@link SessionProjector} makes what was applied twice harmless.
 */
@ApplicationScoped
public class PositionEventConsumer {

    private final ObjectMapper json;
    private final SessionProjector projector;
    private final DeadLetterPublisher deadLetters;

    public PositionEventConsumer(ObjectMapper json, SessionProjector projector, DeadLetterPublisher deadLetters) {
        this.json = json;
        this.projector = projector;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.POSITION_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            return deadLetters.send(record, "empty message");
        }
        PositionEvent event;
        try {
            event = json.readValue(record.value(), PositionEvent.class);
        } catch (JsonProcessingException e) {
            return deadLetters.send(record, "malformed position event: " + e.getOriginalMessage());
        }
        String problem = problem(event);
        if (problem != null) {
            return deadLetters.send(record, problem);
        }
        return projector.apply(event)
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely()
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.errorf(e, "Position event %s could not be applied to the sessions", event.eventId());
                    return deadLetters.send(record, "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                });
    }

    static String problem(PositionEvent e) {
        if (e == null) {
            return "empty position event";
        }
        PositionSnapshot p = e.position();
        if (e.positionId() < 1 || e.version() < 1 || e.type() == null || e.occurredAt() == null) {
            return "position event needs positionId, version, type and occurredAt";
        }
        if (p == null) {
            return "position event without position";
        }
        if (p.id() != e.positionId() || p.version() != e.version()) {
            return "position event's snapshot is of another position or version";
        }
        if (p.account() == null || p.venue() == null || p.symbol() == null || p.side() == null || p.status() == null
                || p.openedAt() == null) {
            return "position snapshot needs account, venue, symbol, side, status and openedAt";
        }
        return null;
    }
}
