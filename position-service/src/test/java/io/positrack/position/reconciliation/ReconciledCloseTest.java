package io.positrack.position.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.position.venue.VenueAction;

class ReconciledCloseTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static PositionSnapshot position(PositionStatus status) {
        return new PositionSnapshot(56, "acc", "paper", "XAUUSD", Side.BUY, status, new BigDecimal("2"), BigDecimal.ONE, BigDecimal.ONE,
                null, null, null, null, null, null, Origin.COMMAND, null, "pt-56-e-1", null, 0, 3, T, T, null);
    }

    @Test
    void aGhostWithItsEntryStillWorkingHasTheEntryCancelled() {
        assertThat(ReconciledClose.cancellations(position(PositionStatus.ENTRY_PLACED)))
                .contains(new VenueAction.Cancel("paper", "acc", "XAUUSD", "pt-56-e-1"));
    }

    @Test
    void aGhostWhoseEntryFilledLongAgoCancelsNoEntry() {
        assertThat(ReconciledClose.cancellations(position(PositionStatus.ACTIVE)))
                .doesNotContain(new VenueAction.Cancel("paper", "acc", "XAUUSD", "pt-56-e-1"));
    }
}
