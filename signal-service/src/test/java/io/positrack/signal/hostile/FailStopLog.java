package io.positrack.signal.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Catches, on the root logger of this JVM (JBoss LogManager under Quarkus), every line where SmallRye Reactive
 * Messaging reports a channel failure: {@code SRMSG18203} (a nack made the channel fail-stop) and {@code SRMSG18228}
 * (a failure was reported for the Kafka topics). Either means a consumer stopped.
 */
final class FailStopLog extends Handler implements AutoCloseable {

    static final List<String> CODES = List.of("SRMSG18203", "SRMSG18228");
    private static final String CANARY = "fail-stop-log canary";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private volatile boolean canarySeen;

    /** Attaches a handler and proves it receives what the application logs. */
    static FailStopLog attach() {
        FailStopLog log = new FailStopLog();
        log.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(log);
        org.jboss.logging.Logger.getLogger("io.positrack.signal.hostile").warn(CANARY);
        if (!log.canarySeen) {
            log.close();
            throw new IllegalStateException("a handler on the root logger does not see the application's log lines");
        }
        return log;
    }

    /** The fail-stop lines logged since {@link #attach()}. */
    List<String> failStops() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage() == null ? "" : formatter.formatMessage(record);
        if (message.contains(CANARY)) {
            canarySeen = true;
        }
        if (CODES.stream().anyMatch(message::contains) || CODES.stream().anyMatch(String.valueOf(record.getMessage())::contains)) {
            lines.add(record.getLoggerName() + ": " + message);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
