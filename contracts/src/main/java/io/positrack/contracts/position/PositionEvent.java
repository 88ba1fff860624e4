package io.positrack.contracts.position;

import java.time.Instant;

/**
 * One transition of one position, as published on {@code position-events}. Versions of a position
 * are contiguous from 1; consumers deduplicate on (positionId, version) because delivery is at least
 * once.
 *
 * @param cause what caused the transition: a command id, a venue event id, or a reconciliation run
 */
public record PositionEvent(
        String eventId,
        PositionEventType type,
        long positionId,
        long version,
        String cause,
        Instant occurredAt,
        PositionSnapshot position) {

    public static String eventId(long positionId, long version) {
        return "position-" + positionId + "-v" + version;
    }
}
