package io.positrack.runtime.consumer;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Tells a passing fault (database or broker unreachable, serialization failure, deadlock, overload, shutdown)
 * from a permanent one, for every service. Passing faults are retried with the same record, in order: every
 * effect downstream is idempotent (inbox, version checks, reply keys), so a retry is harmless.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                // 08 connection, 40 serialization/deadlock, 53 resources, 57 operator intervention (shutdown, restart)
                return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57");
            }
            // RetriableException: the Kafka client's passing faults (timeouts, leader moves, ...).
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException
                    || t instanceof RetriableException) {
                return true;
            }
            // The pool closing under an in-flight message (shutdown): not the message's fault. Retried, the message is
            // never acknowledged, so it is redelivered after the restart instead of dead-lettered. A connection caught
            // while it closes says "Connection is not active now, current status: CLOSING", not "closed": ReplicasIT's
            // graceful scale-down dead-lettered the venue events and ticks in flight with it, and answered a command
            // REJECTED_INVALID that another replica would have applied.
            if (t.getClass().getSimpleName().equals("NoStackTraceThrowable") && t.getMessage() != null
                    && isShutdownMessage(t.getMessage().toLowerCase(Locale.ROOT))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isShutdownMessage(String message) {
        return message.contains("closed") || message.contains("connection is not active");
    }
}
