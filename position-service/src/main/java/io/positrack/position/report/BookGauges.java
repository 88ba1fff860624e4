package io.positrack.position.report;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.positrack.position.lifecycle.PositionRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the book holds, for the dashboard: open positions per venue ({@code positrack.positions.open}) and the net
 * realized PnL of the positions closed since UTC midnight per venue ({@code positrack.pnl.realized.today}, net as in
 * {@code /profit}). Read from the database, the one truth every replica shares, so every replica reports the same
 * figures and the dashboard takes their maximum; counting in memory would lose what other replicas did.
 */
@ApplicationScoped
public class BookGauges {

    // Both use a partial index: the open positions' unique index, and positions_closed_at (V16).
    private static final String OPEN = "SELECT venue, count(*) AS n FROM positions WHERE " + PositionRepository.OPEN_PREDICATE
            + " GROUP BY venue";
    private static final String TODAY = "SELECT venue, sum(" + PnlQueries.NET + ") AS net FROM positions WHERE status = 'CLOSED'"
            + " AND realized_pnl IS NOT NULL AND closed_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
            + " GROUP BY venue";

    private final Pool pool;
    private final MultiGauge open;
    private final MultiGauge today;

    public BookGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.open = MultiGauge.builder("positrack.positions.open").description("Open positions (any open status) per venue")
                .register(registry);
        this.today = MultiGauge.builder("positrack.pnl.realized.today")
                .description("Net realized PnL (gross - fees + funding) of the positions closed since 00:00 UTC, per venue")
                .register(registry);
    }

    @Scheduled(every = "${positrack.position.book-gauges.interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return refresh().onFailure().recoverWithUni(e -> {
            // An outage keeps the last figures; the next run reads again.
            Log.debugf("Book gauges not refreshed (%s)", e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** Reads both figures now. A venue that has nothing open (or closed nothing today) leaves its series. */
    public Uni<Void> refresh() {
        return pool.query(OPEN).execute().map(rows -> rowsOf(rows, "n")).invoke(r -> open.register(r, true))
                .chain(() -> pool.query(TODAY).execute().map(rows -> rowsOf(rows, "net")).invoke(r -> today.register(r, true)))
                .replaceWithVoid();
    }

    private static List<MultiGauge.Row<?>> rowsOf(io.vertx.mutiny.sqlclient.RowSet<Row> rows, String column) {
        List<MultiGauge.Row<?>> out = new ArrayList<>();
        for (Row r : rows) {
            double value = r.getBigDecimal(column).doubleValue(); // a gauge is a double; the exact figure is in /profit
            out.add(MultiGauge.Row.of(Tags.of("venue", r.getString("venue")), value));
        }
        return out;
    }
}
