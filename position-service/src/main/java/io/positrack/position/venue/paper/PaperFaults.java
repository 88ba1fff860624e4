package io.positrack.position.venue.paper;

import java.time.Duration;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.positrack.position.config.PositionConfig;

/**
 * The paper venue's fault injection, so tests and the local run can reproduce what real venues do:
 * snapshots that lag the stream (seed 001), stream events that are lost or delivered twice, and order
 * placements that time out after the venue accepted the order. Starts from configuration
 * ({@code positrack.position.paper.*}); tests may change it while the service runs. Random choices come
 * from one seeded generator, so a run with the same seed and the same order of calls makes the same choices.
 */
@ApplicationScoped
public class PaperFaults {

    private volatile Duration snapshotLag;
    private volatile double dropEvents;
    private volatile double duplicateEvents;
    private volatile double placementTimeouts;
    private volatile double delayEvents;
    private volatile double partialFills;
    private volatile double failedCancels;
    private volatile double futureDatedEvents;
    private volatile java.util.Set<String> failingCancelsOn = java.util.Set.of();
    private final java.util.Set<String> losingCallsOn;
    private final java.util.Map<String, java.util.Deque<String>> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration maxDelay;
    private final Counter delayed;
    private final Random random;
    private final Counter dropped;
    private final Counter duplicated;
    private final Counter timedOut;
    private final Counter partial;

    public PaperFaults(PositionConfig config, MeterRegistry registry) {
        this.dropped = registry.counter("positrack.paper.faults", "kind", "dropped_event");
        this.duplicated = registry.counter("positrack.paper.faults", "kind", "duplicated_event");
        this.timedOut = registry.counter("positrack.paper.faults", "kind", "placement_timeout");
        PositionConfig.Paper paper = config.paper();
        this.snapshotLag = paper.snapshotLag();
        this.dropEvents = paper.faults().dropEvents();
        this.duplicateEvents = paper.faults().duplicateEvents();
        this.placementTimeouts = paper.faults().placementTimeouts();
        this.delayEvents = paper.faults().delayEvents();
        this.partialFills = paper.faults().partialFills();
        this.partial = registry.counter("positrack.paper.faults", "kind", "partial_fill");
        this.maxDelay = paper.faults().maxDelay();
        this.delayed = registry.counter("positrack.paper.faults", "kind", "delayed_event");
        this.random = new Random(paper.faults().seed());
        this.failedCancels = paper.faults().failedCancels();
        this.losingCallsOn = paper.faults().loseCallsOn().map(java.util.Set::copyOf).orElse(java.util.Set.of());
        this.futureDatedEvents = paper.faults().futureDatedEvents();
        this.failedCancel = registry.counter("positrack.paper.faults", "kind", "failed_cancel");
        this.futureDated = registry.counter("positrack.paper.faults", "kind", "future_dated_event");
    }

    private final Counter failedCancel;
    private final Counter futureDated;

    private volatile java.util.Set<String> failingSnapshots = java.util.Set.of();

    /** Accounts whose position snapshot fails (the venue's account API is down for them). */
    public void failSnapshotsOf(java.util.Set<String> accounts) {
        this.failingSnapshots = java.util.Set.copyOf(accounts);
    }

    public boolean snapshotFails(String account) {
        return failingSnapshots.contains(account);
    }

    /** The account API that lists open orders is the one that answers snapshots: down together. */
    public boolean openOrdersFail(String account) {
        return failingSnapshots.contains(account);
    }

    /** Whether placements and cancels on {@code symbol} are lost before they reach the book (configured only). */
    boolean callLostOn(String symbol) {
        return losingCallsOn.contains(symbol);
    }

    /** Share of cancels that fail and leave the order working. */
    public void failedCancels(double share) {
        this.failedCancels = share;
    }

    /** Every cancel on these symbols fails (until set again), whatever the share. */
    public void failCancelsOn(java.util.Set<String> symbols) {
        this.failingCancelsOn = java.util.Set.copyOf(symbols);
    }

    /** Share of order updates dated far in the future. */
    public void futureDatedEvents(double share) {
        this.futureDatedEvents = share;
    }

    synchronized boolean failThisCancel(String symbol) {
        boolean fail = failingCancelsOn.contains(symbol) || (failedCancels > 0 && random.nextDouble() < failedCancels);
        if (fail) {
            failedCancel.increment();
        }
        return fail;
    }

    synchronized boolean futureDateThisEvent() {
        boolean dated = futureDatedEvents > 0 && random.nextDouble() < futureDatedEvents;
        if (dated) {
            futureDated.increment();
        }
        return dated;
    }

    /** Position snapshots show the venue as it was this long ago. */
    public Duration snapshotLag() {
        return snapshotLag;
    }

    public void snapshotLag(Duration lag) {
        this.snapshotLag = lag;
    }

    /** Share of stream events (order updates) never published. */
    public void dropEvents(double share) {
        this.dropEvents = share;
    }

    /** Share of stream events published twice. */
    public void duplicateEvents(double share) {
        this.duplicateEvents = share;
    }

    /** Share of placements that record the order and then answer with a timeout, as if the reply was lost. */
    public void placementTimeouts(double share) {
        this.placementTimeouts = share;
    }

    /** Share of stream events published late, so that later events may overtake them. */
    public void delayEvents(double share) {
        this.delayEvents = share;
    }

    /** Share of fills that take only part of what the order still wants. */
    public void partialFills(double share) {
        this.partialFills = share;
    }

    /**
     * The next {@code times} placements on {@code symbol} are refused in the venue's answer with this reason,
     * as a real venue refuses a reduce-only order that would not reduce (Binance -2022): nothing is booked
     * and no stream event follows.
     */
    public void refusePlacements(String symbol, int times, String reason) {
        java.util.Deque<String> queue = refusals.computeIfAbsent(symbol, s -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(reason);
        }
    }

    /** The reason to refuse this placement with, if a test asked for one. */
    java.util.Optional<String> refusalOfPlacementOn(String symbol) {
        java.util.Deque<String> queue = refusals.get(symbol);
        return java.util.Optional.ofNullable(queue == null ? null : queue.poll());
    }

    /** Whether this fill takes only part of what the order wants. */
    synchronized boolean partialThisFill() {
        boolean part = partialFills > 0 && random.nextDouble() < partialFills;
        if (part) {
            partial.increment();
        }
        return part;
    }

    /** How long to hold the next stream event back: zero for most. */
    synchronized Duration delayOfNextEvent() {
        if (delayEvents > 0 && random.nextDouble() < delayEvents) {
            delayed.increment();
            return Duration.ofMillis(1 + (long) (random.nextDouble() * maxDelay.toMillis()));
        }
        return Duration.ZERO;
    }

    /** How many times to publish one stream event: 0 (dropped), 1, or 2 (duplicated). */
    synchronized int copiesOfNextEvent() {
        if (dropEvents > 0 && random.nextDouble() < dropEvents) {
            dropped.increment();
            return 0;
        }
        if (duplicateEvents > 0 && random.nextDouble() < duplicateEvents) {
            duplicated.increment();
            return 2;
        }
        return 1;
    }

    synchronized boolean timeOutThisPlacement() {
        boolean fail = placementTimeouts > 0 && random.nextDouble() < placementTimeouts;
        if (fail) {
            timedOut.increment();
        }
        return fail;
    }
}
