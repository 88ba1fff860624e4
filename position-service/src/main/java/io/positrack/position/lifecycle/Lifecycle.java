package io.positrack.position.lifecycle;

import static io.positrack.contracts.position.PositionStatus.ACTIVE;
import static io.positrack.contracts.position.PositionStatus.CLOSED;
import static io.positrack.contracts.position.PositionStatus.CLOSING;
import static io.positrack.contracts.position.PositionStatus.ENTRY_PLACED;
import static io.positrack.contracts.position.PositionStatus.PENDING_ENTRY;
import static io.positrack.contracts.position.PositionStatus.PENDING_SL;
import static io.positrack.contracts.position.PositionStatus.ROLLED_BACK;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionStatus;

/**
 * The position lifecycle as a table: for each kind of transition, the statuses it may start from
 * and the status it leads to. The database applies it with conditional updates on (status, version);
 * this table decides which update to attempt.
 *
 * <pre>
 * PENDING_ENTRY → ENTRY_PLACED → PENDING_SL → ACTIVE → CLOSING → CLOSED
 *       └──────────────┴──────────────────────→ ROLLED_BACK
 * </pre>
 */
public final class Lifecycle {

    /** Transitions that keep the status (stops moved, size adjusted) map to {@code null}: "same as before". */
    private record Rule(Set<PositionStatus> from, PositionStatus to) {
    }

    private static final Map<PositionEventType, Rule> RULES = new EnumMap<>(PositionEventType.class);

    static {
        RULES.put(PositionEventType.PositionEntryPlaced, new Rule(EnumSet.of(PENDING_ENTRY), ENTRY_PLACED));
        // Part of the entry filled; the order still works (or a cancel is on its way).
        RULES.put(PositionEventType.PositionEntryPartiallyFilled, new Rule(EnumSet.of(PENDING_ENTRY, ENTRY_PLACED), ENTRY_PLACED));
        // A fill may overtake the "accepted" update (venue streams reorder), so it also starts from PENDING_ENTRY.
        RULES.put(PositionEventType.PositionEntryFilled, new Rule(EnumSet.of(PENDING_ENTRY, ENTRY_PLACED), PENDING_SL));
        RULES.put(PositionEventType.PositionActivated, new Rule(EnumSet.of(PENDING_ENTRY, ENTRY_PLACED, PENDING_SL), ACTIVE));
        RULES.put(PositionEventType.PositionStopsUpdated,
                new Rule(EnumSet.of(PENDING_ENTRY, ENTRY_PLACED, PENDING_SL, ACTIVE), null));
        // Closing an unfilled entry only asks the venue to cancel it: a fill may still win the race.
        RULES.put(PositionEventType.PositionCancelRequested, new Rule(EnumSet.of(PENDING_ENTRY, ENTRY_PLACED), null));
        RULES.put(PositionEventType.PositionClosing, new Rule(EnumSet.of(PENDING_SL, ACTIVE), CLOSING));
        // Not a second close: the same close's next exit order, after the venue refused or expired the previous one unfilled.
        RULES.put(PositionEventType.PositionExitRetried, new Rule(EnumSet.of(CLOSING), null));
        RULES.put(PositionEventType.PositionClosed, new Rule(EnumSet.of(PENDING_SL, ACTIVE, CLOSING), CLOSED));
        RULES.put(PositionEventType.PositionRolledBack, new Rule(EnumSet.of(PENDING_ENTRY, ENTRY_PLACED), ROLLED_BACK));
        RULES.put(PositionEventType.PositionAdjusted, new Rule(EnumSet.of(PENDING_SL, ACTIVE, CLOSING), null));
        // A commission or funding payment booked alone: it may arrive after the close (a fill reported late, funding
        // booked at the funding time the position still held), so it is allowed from every status and changes none.
        RULES.put(PositionEventType.PositionChargesRecorded, new Rule(EnumSet.allOf(PositionStatus.class), null));
    }

    private Lifecycle() {
    }

    /**
     * The status a position in {@code from} reaches through {@code type}, or empty when the lifecycle
     * does not allow it. {@code PositionOpened} and {@code PositionAdopted} create positions and have no
     * "from".
     */
    public static Optional<PositionStatus> next(PositionStatus from, PositionEventType type) {
        Rule rule = RULES.get(type);
        if (rule == null || !rule.from().contains(from)) {
            return Optional.empty();
        }
        return Optional.of(rule.to() == null ? from : rule.to());
    }

    /** The statuses from which {@code type} is allowed; what the conditional UPDATE checks. */
    public static Set<PositionStatus> allowedFrom(PositionEventType type) {
        Rule rule = RULES.get(type);
        return rule == null ? Set.of() : Set.copyOf(rule.from());
    }

    /** The status a newly created position starts in. */
    public static PositionStatus initial(PositionEventType creation) {
        return switch (creation) {
            case PositionOpened -> PENDING_ENTRY;
            case PositionAdopted -> ACTIVE;
            default -> throw new IllegalArgumentException(creation + " does not create a position");
        };
    }
}
