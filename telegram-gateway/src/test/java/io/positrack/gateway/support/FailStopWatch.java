package io.positrack.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects, while installed on the root logger of the JBoss LogManager, every log line in which SmallRye Reactive
 * Messaging says a channel failed: {@code SRMSG18203} (the Kafka consumer's fail-stop) and {@code SRMSG18228} (a
 * failure reported for a topic). A consumer that no record can stop never logs either.
 */
public final class FailStopWatch extends Handler implements AutoCloseable {

    public static final List<String> CODES = List.of("SRMSG18203", "SRMSG18228");

    private final List<String> seen = new CopyOnWriteArrayList<>();

    public static FailStopWatch install() {
        FailStopWatch watch = new FailStopWatch();
        Logger.getLogger("").addHandler(watch);
        return watch;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message != null && CODES.stream().anyMatch(message::contains)) {
            seen.add(record.getLoggerName() + ": " + message);
        }
    }

    /** The fail-stop lines logged since {@link #install()}. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
