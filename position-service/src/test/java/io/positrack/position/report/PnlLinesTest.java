package io.positrack.position.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PnlSummary.Line;

class PnlLinesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T19:30:00Z");
    private static final Instant TODAY = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aReportOfNDaysStartsAtMidnightUtcNMinusOneDaysBeforeToday() {
        assertThat(PnlLines.periodStart(NOW, 1)).isEqualTo(TODAY);
        assertThat(PnlLines.periodStart(NOW, 7)).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }

    @Test
    void daysWithoutClosesAreListedEmptyAndTheTotalIsTheSumOfTheDays() {
        Line yesterday = line(TODAY.minus(Duration.ofDays(1)), 2, 1, 1, "5", "0.5", "-0.25", "4.25");
        Line today = line(TODAY, 1, 1, 0, "3", "0.1", "0", "2.9");

        PnlSummary summary = PnlLines.daily(NOW, 3, List.of(today, yesterday));

        assertThat(summary.days()).extracting(Line::from).containsExactly(TODAY.minus(Duration.ofDays(2)),
                TODAY.minus(Duration.ofDays(1)), TODAY);
        assertThat(summary.days().get(0).positions()).isZero();
        assertThat(summary.days().get(0).until()).isEqualTo(TODAY.minus(Duration.ofDays(1)));
        Line total = summary.total();
        assertThat(total.from()).isEqualTo(TODAY.minus(Duration.ofDays(2)));
        assertThat(total.until()).isEqualTo(TODAY.plus(Duration.ofDays(1)));
        assertThat(List.of(total.positions(), total.wins(), total.losses())).containsExactly(3, 2, 1);
        assertThat(total.gross()).isEqualByComparingTo("8");
        assertThat(total.fees()).isEqualByComparingTo("0.6");
        assertThat(total.funding()).isEqualByComparingTo("-0.25");
        assertThat(total.net()).isEqualByComparingTo("7.15");
    }

    @Test
    void theAllTimeReportHasNoDaysAndNoStart() {
        PnlSummary summary = PnlLines.allTime(NOW, line(null, 4, 3, 1, "10", "1", "0", "9"));
        assertThat(summary.days()).isEmpty();
        assertThat(summary.total().from()).isNull();
        assertThat(summary.total().until()).isEqualTo(NOW);
        assertThat(summary.total().net()).isEqualByComparingTo("9");
    }

    private static Line line(Instant from, int positions, int wins, int losses, String gross, String fees, String funding,
            String net) {
        return new Line(from, from == null ? NOW : from.plus(Duration.ofDays(1)), positions, wins, losses, new BigDecimal(gross),
                new BigDecimal(fees), new BigDecimal(funding), new BigDecimal(net));
    }
}
