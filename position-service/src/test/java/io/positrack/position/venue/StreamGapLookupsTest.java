package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;

/** Which orders a stream gap could have touched, so they are looked up once the stream is back. */
class StreamGapLookupsTest {

    private static PositionSnapshot position(PositionStatus status, String exitOrderId, String closeReason) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new PositionSnapshot(7, "acc", "binance-usdm", "BTCUSDT", Side.BUY, status, new BigDecimal("2"), new BigDecimal("2"),
                new BigDecimal("2"), new BigDecimal("2000"), null, new BigDecimal("1990"), new BigDecimal("2020"), null, closeReason,
                Origin.COMMAND, null, "pt-7-e-1", exitOrderId, exitOrderId == null ? 0 : 1, 6, t, t, null);
    }

    private static java.util.List<String> ids(PositionSnapshot p, Integer attempt) {
        return StreamGapLookups.touchable(p, attempt).stream().map(o -> o.clientOrderId().toString()).toList();
    }

    @Test
    void anUnfilledEntryIsLookedUpWhetherOrNotItsCancelWasRequested() {
        assertThat(ids(position(PositionStatus.PENDING_ENTRY, null, null), null)).containsExactly("pt-7-e-1");
        assertThat(ids(position(PositionStatus.ENTRY_PLACED, null, "EXPIRED"), null)).containsExactly("pt-7-e-1");
    }

    @Test
    void anActivePositionsStopLossAndTakeProfitOfItsProtectionAttemptAreLookedUp() {
        assertThat(ids(position(PositionStatus.ACTIVE, null, null), 4)).containsExactly("pt-7-sl-4", "pt-7-tp-4");
        assertThat(ids(position(PositionStatus.PENDING_SL, null, null), 4)).containsExactly("pt-7-sl-4", "pt-7-tp-4");
    }

    @Test
    void aClosingPositionsExitAndItsProtectionAreLookedUpBecauseAStopMayHaveFilledBeforeItsCancel() {
        assertThat(ids(position(PositionStatus.CLOSING, "pt-7-x-1", "MANUAL"), 4)).containsExactly("pt-7-x-1", "pt-7-sl-4", "pt-7-tp-4");
    }

    @Test
    void aPositionWithoutProtectionAttemptHasNoProtectionToLookUp() {
        assertThat(ids(position(PositionStatus.ACTIVE, null, null), null)).isEmpty();
    }

    @Test
    void aFinishedPositionHasNothingToLookUp() {
        assertThat(ids(position(PositionStatus.CLOSED, "pt-7-x-1", "MANUAL"), 4)).isEmpty();
        assertThat(ids(position(PositionStatus.ROLLED_BACK, null, null), null)).isEmpty();
    }
}
