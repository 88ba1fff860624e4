package io.positrack.position.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.reconciliation.Discrepancy.Kind;

/** The reconciliation decision table. */
class DiscrepancyTest {

    private static final Instant T = Instant.parse("2026-11-21T06:00:00Z");

    private static VenuePositionReport venue(Side side, String quantity) {
        return VenuePositionReport.of("r", "acc", "paper", "XAUUSD", side, new BigDecimal(quantity), null, true, T);
    }

    private static Optional<PositionSnapshot> db(PositionStatus status, Side side, String remaining) {
        BigDecimal r = new BigDecimal(remaining);
        return Optional.of(new PositionSnapshot(9, "acc", "paper", "XAUUSD", side, status, new BigDecimal("2"), r, r, null, null, null,
                null, null, null, Origin.COMMAND, null, null, null, 0, 3, T, T, null));
    }

    @Test
    void nothingOnEitherSideIsInSync() {
        assertThat(Discrepancy.between(Optional.empty(), venue(null, "0")).kind()).isEqualTo(Kind.IN_SYNC);
    }

    @Test
    void aVenuePositionWithoutAnOpenRowIsAnOrphan() {
        Discrepancy d = Discrepancy.between(Optional.empty(), venue(Side.SELL, "1.5"));
        assertThat(d.kind()).isEqualTo(Kind.ORPHAN);
        assertThat(d.side()).isEqualTo(Side.SELL);
        assertThat(d.quantity()).isEqualByComparingTo("1.5");
    }

    @Test
    void aFilledRowTheVenueDoesNotHoldIsAGhost() {
        assertThat(Discrepancy.between(db(PositionStatus.ACTIVE, Side.BUY, "2"), venue(null, "0")).kind()).isEqualTo(Kind.GHOST);
        assertThat(Discrepancy.between(db(PositionStatus.CLOSING, Side.BUY, "2"), venue(Side.SELL, "2")).kind()).isEqualTo(Kind.GHOST);
    }

    @Test
    void aDifferentSizeOnTheSameSideIsASizeMismatch() {
        Discrepancy d = Discrepancy.between(db(PositionStatus.ACTIVE, Side.BUY, "2"), venue(Side.BUY, "1.25"));
        assertThat(d.kind()).isEqualTo(Kind.SIZE_MISMATCH);
        assertThat(d.positionId()).isEqualTo(9L);
    }

    @Test
    void equalSizesAreInSyncAndAnUnfilledEntryConcludesNothing() {
        assertThat(Discrepancy.between(db(PositionStatus.ACTIVE, Side.BUY, "2"), venue(Side.BUY, "2.000")).kind()).isEqualTo(Kind.IN_SYNC);
        Discrepancy pending = Discrepancy.between(db(PositionStatus.ENTRY_PLACED, Side.BUY, "0"), venue(Side.BUY, "2"));
        assertThat(pending.kind()).isEqualTo(Kind.ENTRY_PENDING);
        assertThat(pending.actionable()).isFalse();
    }
}
