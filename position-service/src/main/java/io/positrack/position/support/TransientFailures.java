package io.positrack.position.support;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Tells a passing fault (database unreachable, serialization failure, deadlock, overload) from a
 * permanent one. Passing faults are retried with backoff: thanks to the inbox a retry is harmless.
 * Permanent ones are not retried.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                // 08 connection, 40 serialization/deadlock, 53 resources, 57 operator intervention (shutdown)
                return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57");
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException) {
                return true;
            }
            // The pool closing under an in-flight message (shutdown): not the message's fault. Retried, the
            // message is never acknowledged, so it is redelivered after the restart instead of dead-lettered.
            if (t.getClass().getSimpleName().equals("NoStackTraceThrowable") && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("closed")) {
                return true;
            }
        }
        return false;
    }
}
