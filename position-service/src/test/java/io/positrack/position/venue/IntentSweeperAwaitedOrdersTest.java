package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;

/** Which orders a stuck position waits on: the ones of its recorded intent, with their recorded ids. */
class IntentSweeperAwaitedOrdersTest {

    private static PositionSnapshot position(PositionStatus status, long version, String exitOrderId) {
        return position(status, version, exitOrderId, null);
    }

    private static PositionSnapshot position(PositionStatus status, long version, String exitOrderId, String closeReason) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new PositionSnapshot(7, "acc", "paper", "XAUUSD", Side.BUY, status, new BigDecimal("2"), new BigDecimal("2"),
                new BigDecimal("2"), new BigDecimal("2000"), null, new BigDecimal("1990"), new BigDecimal("2020"), null, closeReason,
                Origin.COMMAND, null, "pt-7-e-1", exitOrderId, exitOrderId == null ? 0 : 1, version, t, t, null);
    }

    @Test
    void aPositionWithoutItsEntryFillAwaitsTheEntryOrder() {
        for (PositionStatus status : new PositionStatus[] { PositionStatus.PENDING_ENTRY, PositionStatus.ENTRY_PLACED }) {
            assertThat(IntentSweeper.awaitedBy(position(status, 2, null), null)).singleElement().satisfies(a -> {
                assertThat(a.order().clientOrderId().toString()).isEqualTo("pt-7-e-1");
                assertThat(a.order().side()).isEqualTo(Side.BUY);
                assertThat(a.order().reduceOnly()).isFalse();
                assertThat(a.before()).isEmpty();
            });
        }
    }

    @Test
    void pendingProtectionCarriesTheAttemptOfTheTransitionThatDecidedIt() {
        assertThat(IntentSweeper.awaitedBy(position(PositionStatus.PENDING_SL, 4, null), 4))
                .map(a -> a.order().clientOrderId().toString())
                .containsExactly("pt-7-sl-4", "pt-7-tp-4");
    }

    @Test
    void pendingProtectionKeepsItsIdsWhenAPartialStopFillMovedTheVersionOn() {
        // Entry fill at version 4 decided the protection; a partial stop fill heard before its NEW made version 5.
        assertThat(IntentSweeper.awaitedBy(position(PositionStatus.PENDING_SL, 5, null), 4))
                .map(a -> a.order().clientOrderId().toString())
                .containsExactly("pt-7-sl-4", "pt-7-tp-4");
    }

    @Test
    void aClosingPositionAwaitsTheSameExitAndCancelsProtectionBeforeResending() {
        assertThat(IntentSweeper.awaitedBy(position(PositionStatus.CLOSING, 6, "pt-7-x-1"), 4)).singleElement().satisfies(a -> {
            assertThat(a.order().clientOrderId().toString()).isEqualTo("pt-7-x-1");
            assertThat(a.order().side()).isEqualTo(Side.SELL);
            assertThat(a.order().reduceOnly()).isTrue();
            assertThat(a.order().quantity()).isEqualByComparingTo("2");
            assertThat(a.before()).singleElement().isInstanceOf(VenueAction.CancelProtection.class);
        });
    }

    @Test
    void anEntryWhoseCancelWasRequestedIsCancelledAgainIfWorkingAndNeverSentIfUnknown() {
        assertThat(IntentSweeper.awaitedBy(position(PositionStatus.ENTRY_PLACED, 3, null, "EXPIRED"), null)).singleElement().satisfies(a -> {
            assertThat(a.order().clientOrderId().toString()).isEqualTo("pt-7-e-1");
            assertThat(a.sendIfUnknown()).isFalse();
            assertThat(a.ifWorking()).singleElement().isInstanceOfSatisfying(VenueAction.Cancel.class,
                    cancel -> assertThat(cancel.clientOrderId()).isEqualTo("pt-7-e-1"));
        });
    }

    @Test
    void anActivePositionAwaitsNothing() {
        assertThat(IntentSweeper.awaitedBy(position(PositionStatus.ACTIVE, 3, null), 2)).isEmpty();
    }
}
