package io.positrack.position.reconciliation;

import java.math.BigDecimal;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.lifecycle.PositionRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The freshest accepted report per key: the venue's position as far as we know, used to clamp exits. */
@ApplicationScoped
public class VenuePositions {

    /** What the venue holds, when the latest report is still fresh (no fill applied since it). */
    /** @param reportId the report that said so: the cause of an adjustment made on its word */
    public record Known(Side side, BigDecimal quantity, String reportId) {
        public boolean flat() {
            return quantity.signum() == 0;
        }
    }

    public Uni<Void> record(SqlClient client, VenuePositionReport r) {
        return client.preparedQuery("""
                INSERT INTO venue_positions (account, venue, symbol, side, quantity, entry_price, as_of, report_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (account, venue, symbol) DO UPDATE SET side = EXCLUDED.side, quantity = EXCLUDED.quantity,
                    entry_price = EXCLUDED.entry_price, as_of = EXCLUDED.as_of, report_id = EXCLUDED.report_id
                WHERE venue_positions.as_of < EXCLUDED.as_of""")
                .execute(Tuple.from(new Object[] { r.account(), r.venue(), r.symbol(), r.side() == null ? null : r.side().name(),
                        r.quantity(), r.entryPrice(), PositionRows.timestamp(r.asOf()), r.reportId() }))
                .replaceWithVoid();
    }

    /** The venue's position for the key if the latest report knows the last applied fill (as of it or later), else empty (unknown). */
    public Uni<Optional<Known>> fresh(SqlClient client, String account, String venue, String symbol) {
        return client.preparedQuery("""
                SELECT v.side, v.quantity, v.report_id FROM venue_positions v
                  LEFT JOIN venue_watermarks w ON w.account = v.account AND w.venue = v.venue AND w.symbol = v.symbol
                 WHERE v.account = $1 AND v.venue = $2 AND v.symbol = $3 AND (w.venue_time IS NULL OR v.as_of >= w.venue_time)""")
                .execute(Tuple.of(account, venue, symbol))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<Known>empty();
                    }
                    Row row = rows.iterator().next();
                    String side = row.getString("side");
                    return Optional.of(new Known(side == null ? null : Side.valueOf(side), PositionRows.strip(row.getBigDecimal("quantity")),
                            row.getString("report_id")));
                });
    }
}
