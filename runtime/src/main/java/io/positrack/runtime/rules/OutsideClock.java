package io.positrack.runtime.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Times from outside are evidence, not truth (invariant I14): a venue or market time beyond
 * {@link ClockBounds} is refused before it can become a watermark, an as-of or a bar time. Refusals are
 * counted in {@code positrack.clock.refused{source}} (the alert PositrackOutsideTimesRefused watches it).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // the counters exist, at zero, before the first refusal
public class OutsideClock {

    /** Where a time came from: a low-cardinality tag. */
    public enum Source {
        VENUE, MARKET;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ClockBounds bounds;
    private final MeterRegistry registry;

    public OutsideClock(ClockBounds bounds, MeterRegistry registry) {
        this.bounds = bounds;
        this.registry = registry;
        for (Source source : Source.values()) {
            registry.counter("positrack.clock.refused", "source", source.tag());
        }
    }

    /** Problems with an event time (bounded both ways); none for a null time. Counts a refusal. */
    public List<String> eventTime(Source source, String field, Instant time) {
        return check(source, field, time, true);
    }

    /** Problems with an as-of time (bounded ahead only); none for a null time. Counts a refusal. */
    public List<String> asOf(Source source, String field, Instant time) {
        return check(source, field, time, false);
    }

    private List<String> check(Source source, String field, Instant time, boolean boundBehind) {
        String problem = problem(field, time, Instant.now(), bounds.maxAhead(), boundBehind ? bounds.maxBehind() : null);
        if (problem == null) {
            return List.of();
        }
        registry.counter("positrack.clock.refused", "source", source.tag()).increment();
        List<String> problems = new ArrayList<>(1);
        problems.add(problem);
        return problems;
    }

    /** Why {@code time} cannot be believed at {@code now}, or null. Pure; {@code maxBehind} null means unbounded. */
    public static String problem(String field, Instant time, Instant now, Duration maxAhead, Duration maxBehind) {
        if (time == null) {
            return null;
        }
        if (time.isAfter(now.plus(maxAhead))) {
            return field + " " + time + " is " + Duration.between(now, time).toSeconds() + " s ahead of our clock (at most "
                    + maxAhead.toSeconds() + " s believed)";
        }
        if (maxBehind != null && time.isBefore(now.minus(maxBehind))) {
            return field + " " + time + " is older than " + span(maxBehind);
        }
        return null;
    }

    /** "7 days" for whole days, else seconds ("60 s"): the bound as the sender would read it. */
    static String span(Duration bound) {
        long seconds = bound.toSeconds();
        return seconds >= 86_400 && seconds % 86_400 == 0 ? seconds / 86_400 + " days" : seconds + " s";
    }
}
