package io.positrack.signal.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Applies one position event to the session read model, in one transaction. A session is a signal and
 * the position it opened: positions without a signal have none. The session is OPEN while its position
 * is open and CLOSED once the position is CLOSED or ROLLED_BACK, with the position's close reason and
 * realized PnL. An event whose version is not above the stored one is a redelivery and changes nothing,
 * so replaying {@code position-events} from any offset rebuilds the same sessions.
 */
@ApplicationScoped
public class SessionProjector {

    /** What an event did to the read model. */
    public enum Applied {
        OPENED, UPDATED, CLOSED, DUPLICATE, NOT_A_SIGNAL
    }

    private final Pool pool;
    private final SessionRepository sessions;
    private final MeterRegistry registry;

    public SessionProjector(Pool pool, SessionRepository sessions, MeterRegistry registry) {
        this.pool = pool;
        this.sessions = sessions;
        this.registry = registry;
    }

    public Uni<Applied> apply(PositionEvent e) {
        // Every position's symbol, signal or not: /close #ID addresses any position of the account.
        return sessions.rememberSymbol(e.positionId(), e.position().account(), e.position().symbol()).chain(() -> project(e));
    }

    private Uni<Applied> project(PositionEvent e) {
        if (e.position().signalId() == null) {
            return Uni.createFrom().item(Applied.NOT_A_SIGNAL);
        }
        String status = e.position().status().isOpen() ? "OPEN" : "CLOSED";
        return pool.withTransaction(tx -> sessions.lockStored(tx, e.positionId()).flatMap(stored -> {
            if (stored.isEmpty()) {
                return sessions.insert(tx, e, status).map(inserted -> inserted ? Applied.OPENED : Applied.DUPLICATE);
            }
            if (stored.get().version() >= e.version()) {
                return Uni.createFrom().item(Applied.DUPLICATE);
            }
            boolean closes = "OPEN".equals(stored.get().status()) && "CLOSED".equals(status);
            return sessions.update(tx, e, status).replaceWith(closes ? Applied.CLOSED : Applied.UPDATED);
        })).invoke(applied -> count(e, status, applied));
    }

    private void count(PositionEvent e, String status, Applied applied) {
        switch (applied) {
            case OPENED -> {
                registry.counter("positrack.signal.sessions.opened").increment();
                Log.infof("Session of signal %s opened: position #%d", e.position().signalId(), e.positionId());
                if ("CLOSED".equals(status)) {
                    // First seen already ended (a read model rebuilt from a late offset): opened and closed at once.
                    closed(e);
                }
            }
            case CLOSED -> closed(e);
            case DUPLICATE -> registry.counter("positrack.signal.position_events.duplicates").increment();
            default -> {
            }
        }
    }

    private void closed(PositionEvent e) {
        String reason = e.position().closeReason() == null ? "UNKNOWN" : e.position().closeReason();
        registry.counter("positrack.signal.sessions.closed", "reason", reason).increment();
        Log.infof("Session of signal %s closed: position #%d %s (%s)", e.position().signalId(), e.positionId(),
                e.position().status(), reason);
    }
}
