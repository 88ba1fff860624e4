package io.positrack.position.venue.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.positrack.contracts.venue.VenuePositionReport;

/**
 * How fresh a positionRisk answer is for the symbols it leaves out (flat, no open orders). positionRisk promises no
 * freshness, so an answer is only as fresh as the evidence it carries: the newest {@code updateTime} among its lines
 * (the transaction time of the last fill it has taken in). A left-out symbol is flat as of that time, never later, and
 * never later than the server time minus {@code position-risk-lag} either (the rule before this one, kept as a bound).
 *
 * <p>Why: a positionRisk that has not yet taken in a fill leaves that fill's symbol out. Dated by the server time, it
 * would say "flat" as of a time after the fill, and reconciliation (which compares that time with the fill's
 * watermark) would believe it. Dated by its own evidence, it is older than the fill, hence stale. An answer without any
 * evidence (nothing listed, or only lines that were never changed) knows of no time at all: it concludes nothing as
 * flat. Pure, so it is unit-tested without a server.
 */
final class PositionRiskFreshness {

    private PositionRiskFreshness() {
    }

    /** The time the left-out symbols were flat at; empty when the answer carries no evidence of any time. */
    static Optional<Instant> omittedFlatAsOf(Instant serverTime, Duration lag, List<VenuePositionReport> lines) {
        Instant bound = serverTime.minus(lag);
        return lines.stream().map(VenuePositionReport::asOf).filter(t -> t != null && t.isAfter(Instant.EPOCH))
                .max(Instant::compareTo)
                .map(newest -> newest.isBefore(bound) ? newest : bound);
    }
}
