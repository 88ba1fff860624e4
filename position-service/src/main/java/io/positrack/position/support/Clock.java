package io.positrack.position.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * UTC time at PostgreSQL's precision: an instant taken here and read back from a timestamptz column
 * compares equal, so a snapshot in an event equals the row it describes.
 */
@ApplicationScoped
public class Clock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
