package io.positrack.position.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Watches the log of the JVM it runs in (a {@code @QuarkusTest} runs in the service's JVM) for SmallRye Reactive
 * Messaging's fail-stop ({@code SRMSG18203}) and reported-failure ({@code SRMSG18228}) messages, from the root logger.
 */
final class FailStopWatch extends Handler implements AutoCloseable {

    static final List<String> CODES = List.of("SRMSG18203", "SRMSG18228");

    private final List<String> failStops = new CopyOnWriteArrayList<>();
    private final AtomicLong seen = new AtomicLong();

    private FailStopWatch() {
        setLevel(Level.ALL);
    }

    static FailStopWatch attach() {
        FailStopWatch watch = new FailStopWatch();
        Logger.getLogger("").addHandler(watch);
        return watch;
    }

    @Override
    public void publish(LogRecord record) {
        seen.incrementAndGet();
        String raw = String.valueOf(record.getMessage());
        String formatted = record instanceof ExtLogRecord ext ? String.valueOf(ext.getFormattedMessage()) : raw;
        if (CODES.stream().anyMatch(code -> raw.contains(code) || formatted.contains(code))) {
            failStops.add(record.getLoggerName() + ": " + formatted);
        }
    }

    /** The fail-stop and failure messages logged since {@link #attach()}. */
    List<String> failStops() {
        return List.copyOf(failStops);
    }

    /** How many log records reached the watch: more than none shows it was listening. */
    long seen() {
        return seen.get();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
