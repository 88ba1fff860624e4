package io.positrack.position.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PnlSummary.Line;

/**
 * Builds a PnL report from the per-day sums the database gives: every day of the period present, oldest first, and a
 * total that is the sum of the days. Pure, so the calendar arithmetic is unit-tested.
 */
public final class PnlLines {

    private static final Duration DAY = Duration.ofDays(1);

    private PnlLines() {
    }

    /** The first instant of the report of {@code days} days that ends with the UTC day of {@code now}. */
    public static Instant periodStart(Instant now, int days) {
        return now.truncatedTo(ChronoUnit.DAYS).minus(DAY.multipliedBy(days - 1L));
    }

    /**
     * @param sums one line per UTC day that had closes, {@code from} the day's start (order and gaps do not matter)
     */
    public static PnlSummary daily(Instant now, int days, List<Line> sums) {
        Instant start = periodStart(now, days);
        Map<Instant, Line> byDay = sums.stream().collect(Collectors.toMap(Line::from, Function.identity()));
        List<Line> lines = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            Instant day = start.plus(DAY.multipliedBy(i));
            lines.add(byDay.getOrDefault(day, empty(day, day.plus(DAY))));
        }
        return new PnlSummary(lines, sum(start, start.plus(DAY.multipliedBy(days)), lines));
    }

    /** The all-time report: no days, the total from the first close until {@code now}. */
    public static PnlSummary allTime(Instant now, Line total) {
        return new PnlSummary(List.of(), new Line(null, now, total.positions(), total.wins(), total.losses(), total.gross(),
                total.fees(), total.funding(), total.net()));
    }

    public static Line empty(Instant from, Instant until) {
        return new Line(from, until, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static Line sum(Instant from, Instant until, List<Line> lines) {
        Line total = empty(from, until);
        for (Line l : lines) {
            total = new Line(from, until, total.positions() + l.positions(), total.wins() + l.wins(), total.losses() + l.losses(),
                    total.gross().add(l.gross()), total.fees().add(l.fees()), total.funding().add(l.funding()),
                    total.net().add(l.net()));
        }
        return total;
    }
}
