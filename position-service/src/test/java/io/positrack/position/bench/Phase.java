package io.positrack.position.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * The figures of one constant-rate run while it is being measured: written by the sender and the two reader threads,
 * read once the phase has drained.
 */
final class Phase {

    /** Anything slower than ten minutes is clamped: a run that slow has told us what it can. */
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(10);

    final String name;
    final double rate;
    final long startNanos;
    /** Wall-clock start, for the histogram log's interval stamps. */
    final long startMillis = System.currentTimeMillis();
    final Histogram results = histogram();
    final Histogram events = histogram();
    /** How late the generator itself sent each command: if this grows, the generator, not the service, is behind. */
    final Histogram sendLag = histogram();
    private final AtomicInteger pendingResults = new AtomicInteger();
    private final AtomicInteger pendingEvents = new AtomicInteger();
    private final AtomicInteger unansweredResults = new AtomicInteger();
    private final AtomicInteger unansweredEvents = new AtomicInteger();
    private final AtomicLong lastResultNanos = new AtomicLong();
    private final AtomicInteger sent = new AtomicInteger();

    Phase(String name, double rate, long startNanos) {
        this.name = name;
        this.rate = rate;
        this.startNanos = startNanos;
        lastResultNanos.set(startNanos);
    }

    private static Histogram histogram() {
        // Three significant digits: 1 µs resolution at a millisecond, 1 ms at a second.
        return new SynchronizedHistogram(HIGHEST, 3);
    }

    void expected() {
        pendingResults.incrementAndGet();
        pendingEvents.incrementAndGet();
    }

    void sent(long lagNanos) {
        sent.incrementAndGet();
        sendLag.recordValue(Math.min(Math.max(lagNanos, 0), HIGHEST));
    }

    void result(long arrivedNanos, long latencyNanos) {
        results.recordValue(Math.min(latencyNanos, HIGHEST));
        lastResultNanos.accumulateAndGet(arrivedNanos, Math::max);
        pendingResults.decrementAndGet();
    }

    void event(long latencyNanos) {
        events.recordValue(Math.min(latencyNanos, HIGHEST));
        pendingEvents.decrementAndGet();
    }

    boolean unansweredResult(long latencyNanos) {
        unansweredResults.incrementAndGet();
        result(startNanos, latencyNanos);
        return true;
    }

    boolean unansweredEvent(long latencyNanos) {
        unansweredEvents.incrementAndGet();
        event(latencyNanos);
        return true;
    }

    boolean answered() {
        return pendingResults.get() == 0 && pendingEvents.get() == 0;
    }

    /** The outcome to report: the rate achieved is the results received over the time from the first intended send to the last result. */
    RateOutcome outcome() {
        int answered = (int) results.getTotalCount() - unansweredResults.get();
        double seconds = (lastResultNanos.get() - startNanos) / 1e9;
        return new RateOutcome(rate, sent.get(), answered, seconds > 0 ? answered / seconds : 0, unansweredResults.get(),
                unansweredEvents.get());
    }
}
