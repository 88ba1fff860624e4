package io.positrack.runtime.rules;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How far a time from outside (venue, market) may be from our clock before it is refused ({@code positrack.clock.*}). */
@ConfigMapping(prefix = "positrack.clock")
public interface ClockBounds {

    /** A time more than this ahead of our clock is refused: clocks that are NTP-synchronised differ by milliseconds. */
    @WithDefault("5s")
    Duration maxAhead();

    /**
     * An event or tick time more than this behind our clock is refused (a replay of old history without rebasing
     * its times needs more). Not applied to a position report's as-of time: a venue dates a position by its last
     * fill, which may be months old.
     */
    @WithDefault("7d")
    Duration maxBehind();
}
