package io.positrack.signal.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Side;
import io.positrack.signal.strategy.Signal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The signals the strategy produced; the latest of a symbol is the one {@code /getsignal} offers. */
@ApplicationScoped
public class SignalRepository {

    private static final String COLUMNS = "signal_id, symbol, strategy, side, entry, stop_loss, take_profit, reason, bar_end, valid_until";

    private final Pool pool;

    public SignalRepository(Pool pool) {
        this.pool = pool;
    }

    /** True when the signal is new; a signal evaluated again (same id) is not stored twice. */
    public Uni<Boolean> insert(SqlClient client, Signal s) {
        return client.preparedQuery("INSERT INTO signals (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                + "ON CONFLICT (signal_id) DO NOTHING")
                .execute(Tuple.from(new Object[] { s.signalId(), s.symbol(), s.strategy(), s.side().name(), s.entry(), s.stopLoss(),
                        s.takeProfit(), s.reason(), BarRepository.utc(s.barEnd()), BarRepository.utc(s.validUntil()) }))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Signal>> latest(String symbol) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM signals WHERE symbol = $1 ORDER BY bar_end DESC LIMIT 1")
                .execute(Tuple.of(symbol))
                .map(rows -> signals(rows).stream().findFirst());
    }

    public Uni<Optional<Signal>> byId(String signalId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM signals WHERE signal_id = $1")
                .execute(Tuple.of(signalId))
                .map(rows -> signals(rows).stream().findFirst());
    }

    /** The latest signal of each of these symbols (symbols without one are left out). */
    public Uni<List<Signal>> latestOf(List<String> symbols) {
        return pool.preparedQuery("SELECT DISTINCT ON (symbol) " + COLUMNS + " FROM signals WHERE symbol = ANY($1) "
                + "ORDER BY symbol, bar_end DESC")
                .execute(Tuple.of(symbols.toArray(String[]::new)))
                .map(SignalRepository::signals);
    }

    private static List<Signal> signals(RowSet<Row> rows) {
        List<Signal> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Signal(r.getString("signal_id"), r.getString("symbol"), r.getString("strategy"),
                    Side.valueOf(r.getString("side")), r.getBigDecimal("entry"), r.getBigDecimal("stop_loss"),
                    r.getBigDecimal("take_profit"), r.getString("reason"), r.getOffsetDateTime("bar_end").toInstant(),
                    r.getOffsetDateTime("valid_until").toInstant()));
        }
        return out;
    }
}
