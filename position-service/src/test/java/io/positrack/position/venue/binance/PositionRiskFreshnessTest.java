package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;

/** A positionRisk answer is only as fresh as the newest change it shows, for the symbols it leaves out. */
class PositionRiskFreshnessTest {

    private static final Instant SERVER = Instant.parse("2026-11-21T10:00:10Z");
    private static final Duration LAG = Duration.ofSeconds(2);

    private static VenuePositionReport line(String symbol, Instant updateTime) {
        return VenuePositionReport.of("r-" + symbol, "acc", "binance-usdm", symbol, Side.BUY, BigDecimal.ONE, BigDecimal.TEN, true, updateTime);
    }

    @Test
    void leftOutSymbolsAreFlatAsOfTheNewestUpdateTimeListedNotTheServerTime() {
        Instant newest = Instant.parse("2026-11-21T10:00:03Z");

        assertThat(PositionRiskFreshness.omittedFlatAsOf(SERVER, LAG,
                List.of(line("A", Instant.parse("2026-11-21T09:59:00Z")), line("B", newest)))).contains(newest);
    }

    @Test
    void evidenceNewerThanTheServerTimeMinusTheLagIsBoundedByIt() {
        assertThat(PositionRiskFreshness.omittedFlatAsOf(SERVER, LAG, List.of(line("A", Instant.parse("2026-11-21T10:00:09Z")))))
                .contains(SERVER.minus(LAG));
    }

    @Test
    void anAnswerWithoutAnyChangeCarriesNoTimeAtAll() {
        assertThat(PositionRiskFreshness.omittedFlatAsOf(SERVER, LAG, List.of())).isEmpty();
        // A symbol listed for its open orders that never held a position has updateTime 0.
        assertThat(PositionRiskFreshness.omittedFlatAsOf(SERVER, LAG, List.of(line("A", Instant.EPOCH)))).isEmpty();
    }
}
