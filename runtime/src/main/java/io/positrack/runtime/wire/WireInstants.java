package io.positrack.runtime.wire;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one rule for instants on the wire: an ISO-8601 string (UTC {@code Z} or an offset) between 2000 and
 * 2100. The window only refuses the absurd; how far a venue or market time may run ahead of our clock is
 * decided where that time is used.
 */
public final class WireInstants {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private WireInstants() {
    }

    /** Exactly one of {@code value} and {@code problem} is set. */
    public record Parsed(Instant value, String problem) {
        public boolean valid() {
            return value != null;
        }
    }

    public static Parsed parse(String text) {
        if (text == null || text.length() > 40) {
            return new Parsed(null, "an instant must be an ISO-8601 string such as 2026-12-01T10:15:30Z");
        }
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            return new Parsed(null, "'" + Texts.bounded(text, 40) + "' is not an ISO-8601 instant");
        }
        if (value.isBefore(EARLIEST) || !value.isBefore(LATEST)) {
            return new Parsed(null, "instant " + value + " is outside " + EARLIEST + " .. " + LATEST);
        }
        return new Parsed(value, null);
    }
}
