package io.positrack.infra.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * What the Binance stand-in does wrong on purpose, so that tests meet what the real venue does: position
 * queries behind the stream, stream events out of order, placements executed but answered 503, rate limits
 * and bans. All off by default; tests change them while the stand-in runs. Random choices come from one seeded
 * generator.
 */
public final class StandInFaults {

    private Duration positionRiskLag = Duration.ZERO;
    private Instant positionRiskAsOf;
    private double reorderShare;
    private double dropShare;
    private Duration reorderMaxDelay = Duration.ofMillis(300);
    private int acceptThen503;
    private double acceptThen503Share;
    private int tooManyRequests;
    private Duration retryAfter = Duration.ofSeconds(1);
    private Instant bannedUntil = Instant.EPOCH;
    private int fillsPerOrder = 1;
    private double partialFillShare;
    private int maxPartialFills = 2;
    private double duplicateShare;
    private boolean refuseImmediateTriggers;
    private Random random = new Random(20261121L);
    private final java.util.Map<String, BrokenAnswer> brokenAnswers = new java.util.HashMap<>();
    /** Per broken path: how many more requests get the broken answer; a path not here stays broken until reset. */
    private final java.util.Map<String, Integer> brokenFor = new java.util.HashMap<>();

    /** What a broken endpoint answers instead of doing anything. */
    public record BrokenAnswer(int status, String body) {
    }

    /** Position queries show the book as it was this long before the request (seed 001: 100-500 ms). */
    public synchronized StandInFaults positionRiskLag(Duration lag) {
        this.positionRiskLag = lag;
        this.positionRiskAsOf = null;
        return this;
    }

    /** Position queries show the book as it was at {@code asOf} until the lag is set again. */
    public synchronized StandInFaults positionRiskAsOf(Instant asOf) {
        this.positionRiskAsOf = asOf;
        return this;
    }

    /** Share of stream events held back (up to {@code maxDelay}) so that later events overtake them. */
    public synchronized StandInFaults reorderStreamEvents(double share, Duration maxDelay) {
        this.reorderShare = share;
        this.reorderMaxDelay = maxDelay;
        return this;
    }

    /** Share of stream events never sent (the connection lost them): only lookups and position queries tell. */
    public synchronized StandInFaults dropStreamEvents(double share) {
        this.dropShare = share;
        return this;
    }

    /** The next {@code count} order placements are executed, then answered 503 "Unknown error". */
    public synchronized StandInFaults acceptThenAnswer503(int count) {
        this.acceptThen503 = count;
        return this;
    }

    /** Share of order placements executed, then answered 503 "Unknown error". */
    public synchronized StandInFaults acceptThenAnswer503Share(double share) {
        this.acceptThen503Share = share;
        return this;
    }

    /** The next {@code count} REST requests are refused with 429 and {@code Retry-After}, without executing. */
    public synchronized StandInFaults tooManyRequests(int count, Duration retryAfter) {
        this.tooManyRequests = count;
        this.retryAfter = retryAfter;
        return this;
    }

    /** Every REST request is answered 418 (IP banned) for this long. */
    public synchronized StandInFaults ban(Duration duration) {
        this.bannedUntil = Instant.now().plus(duration);
        return this;
    }

    /** Market orders fill in this many partial fills, each with its own trade id. */
    public synchronized StandInFaults fillsPerOrder(int fills) {
        this.fillsPerOrder = Math.max(1, fills);
        return this;
    }

    /**
     * Share of market orders filled in 2 to {@code maxFills} partial fills (each with its own trade id) instead of
     * one; {@link #fillsPerOrder} above one takes precedence.
     */
    public synchronized StandInFaults partialFills(double share, int maxFills) {
        this.partialFillShare = share;
        this.maxPartialFills = Math.max(2, maxFills);
        return this;
    }

    /** Share of stream events sent twice (the connection delivered a copy again): consumers must apply them once. */
    public synchronized StandInFaults duplicateStreamEvents(double share) {
        this.duplicateShare = share;
        return this;
    }

    /**
     * Conditional orders whose trigger the mark price has already reached are refused with -2021 "Order would
     * immediately trigger.", as Binance does; off by default, so that a test can place a stop the next price
     * move fires.
     */
    public synchronized StandInFaults refuseImmediateTriggers(boolean refuse) {
        this.refuseImmediateTriggers = refuse;
        return this;
    }

    /**
     * Every signed request to {@code path} (say {@code /fapi/v1/openAlgoOrders}) gets this answer, without doing
     * anything, until {@link #reset}: a 5xx, an error code, or a 200 whose body is not the documented one.
     */
    public synchronized StandInFaults breakEndpoint(String path, int status, String body) {
        brokenAnswers.put(path, new BrokenAnswer(status, body));
        brokenFor.remove(path);
        return this;
    }

    /**
     * The next {@code requests} signed requests to {@code path} get this answer, the ones after them the real one: an
     * endpoint that fails for a while and then recovers (a list asked again with backoff gets its answer late).
     */
    public synchronized StandInFaults breakEndpoint(String path, int status, String body, int requests) {
        brokenAnswers.put(path, new BrokenAnswer(status, body));
        brokenFor.put(path, requests);
        return this;
    }

    public synchronized StandInFaults seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** Everything off again. */
    public synchronized StandInFaults reset() {
        positionRiskLag = Duration.ZERO;
        positionRiskAsOf = null;
        reorderShare = 0;
        dropShare = 0;
        acceptThen503 = 0;
        acceptThen503Share = 0;
        tooManyRequests = 0;
        bannedUntil = Instant.EPOCH;
        fillsPerOrder = 1;
        partialFillShare = 0;
        duplicateShare = 0;
        refuseImmediateTriggers = false;
        brokenAnswers.clear();
        brokenFor.clear();
        return this;
    }

    synchronized long positionRiskViewTime(long now) {
        return positionRiskAsOf != null ? positionRiskAsOf.toEpochMilli() : now - positionRiskLag.toMillis();
    }

    synchronized java.util.Optional<BrokenAnswer> brokenAnswer(String path) {
        BrokenAnswer broken = brokenAnswers.get(path);
        Integer left = brokenFor.get(path);
        if (broken != null && left != null) {
            if (left <= 1) {
                brokenAnswers.remove(path);
                brokenFor.remove(path);
            } else {
                brokenFor.put(path, left - 1);
            }
        }
        return java.util.Optional.ofNullable(broken);
    }

    synchronized boolean dropNextEvent() {
        return dropShare > 0 && random.nextDouble() < dropShare;
    }

    synchronized long delayOfNextEvent() {
        if (reorderShare > 0 && random.nextDouble() < reorderShare) {
            return 1 + (long) (random.nextDouble() * reorderMaxDelay.toMillis());
        }
        return 0;
    }

    synchronized boolean answer503AfterAccepting() {
        if (acceptThen503 > 0) {
            acceptThen503--;
            return true;
        }
        return acceptThen503Share > 0 && random.nextDouble() < acceptThen503Share;
    }

    /** Seconds of Retry-After when this request is refused with 429, else -1. */
    synchronized long refuseWith429() {
        if (tooManyRequests > 0) {
            tooManyRequests--;
            return Math.max(1, retryAfter.toSeconds());
        }
        return -1;
    }

    /** Seconds until the ban lifts, or -1 when not banned. */
    synchronized long bannedForSeconds() {
        long left = Duration.between(Instant.now(), bannedUntil).toSeconds();
        return Instant.now().isBefore(bannedUntil) ? Math.max(1, left) : -1;
    }

    synchronized int fillsPerOrder() {
        if (fillsPerOrder > 1) {
            return fillsPerOrder;
        }
        if (partialFillShare > 0 && random.nextDouble() < partialFillShare) {
            return 2 + random.nextInt(maxPartialFills - 1);
        }
        return 1;
    }

    synchronized boolean refusesImmediateTriggers() {
        return refuseImmediateTriggers;
    }

    synchronized boolean duplicateNextEvent() {
        return duplicateShare > 0 && random.nextDouble() < duplicateShare;
    }
}
