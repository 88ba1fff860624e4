package io.positrack.position.lifecycle;

import static io.positrack.contracts.position.PositionStatus.ACTIVE;
import static io.positrack.contracts.position.PositionStatus.CLOSED;
import static io.positrack.contracts.position.PositionStatus.CLOSING;
import static io.positrack.contracts.position.PositionStatus.ENTRY_PLACED;
import static io.positrack.contracts.position.PositionStatus.PENDING_ENTRY;
import static io.positrack.contracts.position.PositionStatus.PENDING_SL;
import static io.positrack.contracts.position.PositionStatus.ROLLED_BACK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionStatus;

class LifecycleTest {

    @Test
    void theHappyPathLeadsFromPendingEntryToClosed() {
        PositionStatus s = Lifecycle.initial(PositionEventType.PositionOpened);
        assertThat(s).isEqualTo(PENDING_ENTRY);
        s = Lifecycle.next(s, PositionEventType.PositionEntryPlaced).orElseThrow();
        assertThat(s).isEqualTo(ENTRY_PLACED);
        s = Lifecycle.next(s, PositionEventType.PositionEntryFilled).orElseThrow();
        assertThat(s).isEqualTo(PENDING_SL);
        s = Lifecycle.next(s, PositionEventType.PositionActivated).orElseThrow();
        assertThat(s).isEqualTo(ACTIVE);
        s = Lifecycle.next(s, PositionEventType.PositionClosing).orElseThrow();
        assertThat(s).isEqualTo(CLOSING);
        s = Lifecycle.next(s, PositionEventType.PositionClosed).orElseThrow();
        assertThat(s).isEqualTo(CLOSED);
    }

    @Test
    void closingHappensOnceOnlyFromActiveOrPendingStopLoss() {
        assertThat(Lifecycle.allowedFrom(PositionEventType.PositionClosing)).containsExactlyInAnyOrder(PENDING_SL, ACTIVE);
        assertThat(Lifecycle.next(CLOSING, PositionEventType.PositionClosing)).isEmpty();
    }

    @Test
    void aRetriedExitKeepsThePositionClosingAndStartsFromClosingOnly() {
        assertThat(Lifecycle.allowedFrom(PositionEventType.PositionExitRetried)).containsExactly(CLOSING);
        assertThat(Lifecycle.next(CLOSING, PositionEventType.PositionExitRetried)).contains(CLOSING);
    }

    @Test
    void aPartialEntryFillKeepsTheEntryWorking() {
        assertThat(Lifecycle.next(PENDING_ENTRY, PositionEventType.PositionEntryPartiallyFilled)).contains(ENTRY_PLACED);
        assertThat(Lifecycle.next(ENTRY_PLACED, PositionEventType.PositionEntryPartiallyFilled)).contains(ENTRY_PLACED);
        assertThat(Lifecycle.next(PENDING_SL, PositionEventType.PositionEntryPartiallyFilled)).isEmpty();
    }

    @Test
    void onlyUnfilledEntriesRollBack() {
        assertThat(Lifecycle.allowedFrom(PositionEventType.PositionRolledBack)).containsExactlyInAnyOrder(PENDING_ENTRY, ENTRY_PLACED);
    }

    @Test
    void aFillMayOvertakeTheAcceptedUpdate() {
        assertThat(Lifecycle.next(PENDING_ENTRY, PositionEventType.PositionEntryFilled)).contains(PENDING_SL);
    }

    @Test
    void stopUpdatesKeepTheStatus() {
        assertThat(Lifecycle.next(ACTIVE, PositionEventType.PositionStopsUpdated)).contains(ACTIVE);
        assertThat(Lifecycle.next(CLOSING, PositionEventType.PositionStopsUpdated)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PositionStatus.class, names = { "CLOSED", "ROLLED_BACK" })
    void finalStatusesHaveNoWayOut(PositionStatus finalStatus) {
        for (PositionEventType type : PositionEventType.values()) {
            if (type == PositionEventType.PositionChargesRecorded) {
                // Charges booked after the end (a late fill's commission, funding of the last hours) keep the status.
                assertThat(Lifecycle.next(finalStatus, type)).as(type.name()).contains(finalStatus);
            } else {
                assertThat(Lifecycle.next(finalStatus, type)).as(type.name()).isEmpty();
            }
        }
    }

    @Test
    void openStatusesAreExactlyTheNonFinalOnes() {
        assertThat(PositionStatus.OPEN).containsExactlyInAnyOrder(PENDING_ENTRY, ENTRY_PLACED, PENDING_SL, ACTIVE, CLOSING);
        assertThat(CLOSED.isOpen()).isFalse();
        assertThat(ROLLED_BACK.isOpen()).isFalse();
    }
}
