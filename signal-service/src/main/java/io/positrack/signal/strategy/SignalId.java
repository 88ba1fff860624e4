package io.positrack.signal.strategy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Signal ids: {@code <symbol>-<strategy>-<bar end, yyyyMMdd'T'HHmmss'Z'>}. Derived, never random: the
 * same bar of the same symbol under the same strategy is the same signal, and position-service opens
 * at most one position per signal id.
 */
public final class SignalId {

    private static final DateTimeFormatter BAR_END = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SignalId() {
    }

    public static String of(String symbol, String strategy, Instant barEnd) {
        return symbol + "-" + strategy + "-" + BAR_END.format(barEnd);
    }
}
