package io.positrack.position.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PnlSummary.Line;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums an account's closed positions in PostgreSQL, set-based: one row per UTC day, or one for all time. A position
 * counts once, on the day it closed. Rolled-back entries never held anything and have no PnL.
 */
@ApplicationScoped
public class PnlQueries {

    // Net of one position, as PositionSnapshot.netPnl has it (contracts NetPnl): gross less fees plus funding, a
    // missing part counting as zero. Commissions in other assets (other_fees) are left out, as there.
    static final String NET = "(realized_pnl - coalesce(fees, 0) + coalesce(funding, 0))";
    private static final String SUMS = """
            count(*)::int AS positions,
            (count(*) FILTER (WHERE %1$s > 0))::int AS wins,
            (count(*) FILTER (WHERE %1$s < 0))::int AS losses,
            coalesce(sum(realized_pnl), 0) AS gross,
            coalesce(sum(fees), 0) AS fees,
            coalesce(sum(funding), 0) AS funding,
            coalesce(sum(%1$s), 0) AS net""".formatted(NET);

    public Uni<List<Line>> perDay(SqlClient client, String account, Instant from) {
        return client.preparedQuery("SELECT date_trunc('day', closed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day, " + SUMS
                + " FROM positions WHERE account = $1 AND status = 'CLOSED' AND closed_at >= $2 AND realized_pnl IS NOT NULL"
                + " GROUP BY 1 ORDER BY 1")
                .execute(Tuple.of(account, from.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Line> out = new ArrayList<>();
                    rows.forEach(r -> {
                        Instant day = r.getOffsetDateTime("day").toInstant();
                        out.add(line(r, day, day.plus(java.time.Duration.ofDays(1))));
                    });
                    return out;
                });
    }

    public Uni<Line> allTime(SqlClient client, String account, Instant until) {
        return client.preparedQuery("SELECT " + SUMS
                + " FROM positions WHERE account = $1 AND status = 'CLOSED' AND realized_pnl IS NOT NULL")
                .execute(Tuple.of(account))
                .map(rows -> line(rows.iterator().next(), null, until));
    }

    private static Line line(Row r, Instant from, Instant until) {
        return new Line(from, until, r.getInteger("positions"), r.getInteger("wins"), r.getInteger("losses"), decimal(r, "gross"),
                decimal(r, "fees"), decimal(r, "funding"), decimal(r, "net"));
    }

    private static BigDecimal decimal(Row r, String column) {
        return r.getBigDecimal(column).stripTrailingZeros();
    }
}
