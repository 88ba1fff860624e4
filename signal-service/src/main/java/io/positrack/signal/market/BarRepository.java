package io.positrack.signal.market;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.signal.strategy.Bar;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Completed bars, kept so that a restarted instance continues its indicators from the same bars. */
@ApplicationScoped
public class BarRepository {

    private final Pool pool;

    public BarRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a bar; storing it again (a replayed tick closed it twice) changes nothing. */
    public Uni<Void> insert(SqlClient client, Bar bar) {
        return client.preparedQuery("""
                INSERT INTO bars (symbol, bar_start, bar_end, open, high, low, close, ticks)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (symbol, bar_start) DO NOTHING""")
                .execute(Tuple.from(new Object[] { bar.symbol(), utc(bar.start()), utc(bar.end()), bar.open(), bar.high(),
                        bar.low(), bar.close(), bar.ticks() }))
                .replaceWithVoid();
    }

    /**
     * The latest {@code limit} bars of a symbol of the given length, oldest first. Bars of another length
     * (stored before the symbol's bar duration was changed) are not mixed in.
     */
    public Uni<List<Bar>> latest(String symbol, Duration length, int limit) {
        return pool.preparedQuery("""
                SELECT symbol, bar_start, bar_end, open, high, low, close, ticks FROM bars
                 WHERE symbol = $1 AND bar_end - bar_start = make_interval(secs => $2)
                 ORDER BY bar_start DESC LIMIT $3""")
                .execute(Tuple.of(symbol, length.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<Bar> bars = new ArrayList<>();
                    for (Row r : rows) {
                        bars.add(new Bar(r.getString("symbol"), r.getOffsetDateTime("bar_start").toInstant(),
                                r.getOffsetDateTime("bar_end").toInstant(), r.getBigDecimal("open"), r.getBigDecimal("high"),
                                r.getBigDecimal("low"), r.getBigDecimal("close"), r.getInteger("ticks")));
                    }
                    Collections.reverse(bars);
                    return bars;
                });
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
