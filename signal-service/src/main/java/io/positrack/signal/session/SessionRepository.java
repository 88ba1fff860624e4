package io.positrack.signal.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of the session read model. */
@ApplicationScoped
public class SessionRepository {

    /** The state of a stored session that an event is compared with. */
    public record Stored(long version, String status) {
    }

    /** A session whose entry has not filled and whose expiry was not requested yet. */
    public record AwaitingEntry(long positionId, String account, String venue, String symbol, Instant openedAt) {
    }

    private static final String SESSION_COLUMNS = """
            position_id, signal_id, account, symbol, side, status, close_reason, realized_pnl, reason, opened_at, closed_at,
            coalesce(entry_price, signal_entry) AS entry, stop_loss, take_profit
            """;

    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Stored>> lockStored(SqlClient tx, long positionId) {
        return tx.preparedQuery("SELECT version, status FROM sessions WHERE position_id = $1 FOR UPDATE")
                .execute(Tuple.of(positionId))
                .map(rows -> rows.size() == 0 ? Optional.<Stored>empty()
                        : Optional.of(new Stored(rows.iterator().next().getLong("version"), rows.iterator().next().getString("status"))));
    }

    /**
     * Inserts the session of a position seen for the first time. The signal's own entry, stop loss and
     * reason are taken from the signal table when this instance produced the signal.
     *
     * @return true when inserted (false: a concurrent delivery inserted it first)
     */
    public Uni<Boolean> insert(SqlClient tx, PositionEvent e, String status) {
        PositionSnapshot p = e.position();
        return tx.preparedQuery("""
                INSERT INTO sessions (position_id, signal_id, account, venue, symbol, side, status, position_status, version,
                    quantity, filled_quantity, signal_entry, entry_price, exit_price, stop_loss, take_profit, initial_stop_loss,
                    reason, close_reason, realized_pnl, opened_at, entry_filled_at, closed_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT entry FROM signals WHERE signal_id = $2), $12, $13,
                    $14, $15, coalesce((SELECT stop_loss FROM signals WHERE signal_id = $2), $14),
                    (SELECT reason FROM signals WHERE signal_id = $2), $16, $17, $18, $19, $20, $21)
                ON CONFLICT (position_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] { p.id(), p.signalId(), p.account(), p.venue(), p.symbol(), p.side().name(), status,
                        p.status().name(), e.version(), p.quantity(), p.filledQuantity(), p.entryPrice(), p.exitPrice(), p.stopLoss(),
                        p.takeProfit(), status.equals("CLOSED") ? p.closeReason() : null, traderPnl(p), utc(p.openedAt()),
                        utc(entryFilledAt(e)), status.equals("CLOSED") ? utc(closedAt(e)) : null, utc(e.occurredAt()) }))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * The session's PnL is what the trader kept: net of fees and funding once the venue charged any, so that
     * /sessions, its statistics (wins, R) and the close notification agree. Net is null only for an absurd part
     * (see {@code NetPnl}); the price result is then all that is known.
     */
    static java.math.BigDecimal traderPnl(PositionSnapshot p) {
        return p.netPnl() != null ? p.netPnl() : p.realizedPnl();
    }

    /** Applies a newer version of the position to its session. */
    public Uni<Void> update(SqlClient tx, PositionEvent e, String status) {
        PositionSnapshot p = e.position();
        return tx.preparedQuery("""
                UPDATE sessions SET status = $2, position_status = $3, version = $4, quantity = $5, filled_quantity = $6,
                       entry_price = $7, exit_price = $8, stop_loss = $9, take_profit = $10, close_reason = $11,
                       realized_pnl = $12, entry_filled_at = coalesce(entry_filled_at, $13), closed_at = $14, updated_at = $15
                 WHERE position_id = $1 AND version < $4""")
                .execute(Tuple.from(new Object[] { p.id(), status, p.status().name(), e.version(), p.quantity(), p.filledQuantity(),
                        p.entryPrice(), p.exitPrice(), p.stopLoss(), p.takeProfit(), status.equals("CLOSED") ? p.closeReason() : null,
                        traderPnl(p), utc(entryFilledAt(e)), status.equals("CLOSED") ? utc(closedAt(e)) : null,
                        utc(e.occurredAt()) }))
                .replaceWithVoid();
    }

    public Uni<Optional<SignalSession>> byPositionId(long positionId) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM sessions WHERE position_id = $1")
                .execute(Tuple.of(positionId))
                .map(rows -> sessions(rows).stream().findFirst());
    }

    /** Newest first; every filter may be null. {@code before} pages by position id. */
    public Uni<List<SignalSession>> list(String account, String symbol, String status, Long before, int limit) {
        return list(one(account), symbol, status, before, limit);
    }

    /** As {@link #list(String, String, String, Long, int)}, for a caller scoped to some accounts (empty: all). */
    public Uni<List<SignalSession>> list(Optional<Set<String>> accounts, String symbol, String status, Long before, int limit) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + """
                 FROM sessions
                 WHERE ($1::text[] IS NULL OR account = ANY($1)) AND ($2::text IS NULL OR symbol = $2)
                   AND ($3::text IS NULL OR status = $3) AND ($4::bigint IS NULL OR position_id < $4)
                 ORDER BY position_id DESC LIMIT $5""")
                .execute(Tuple.of(array(accounts), symbol, status, before, limit))
                .map(SessionRepository::sessions);
    }

    /** Records the symbol of a position (idempotent: a position's account and symbol never change). */
    public Uni<Void> rememberSymbol(long positionId, String account, String symbol) {
        return pool.preparedQuery("INSERT INTO position_symbols (position_id, account, symbol) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(positionId, account, symbol)).replaceWithVoid();
    }

    /** The symbol of an account's position, signal or not, once its first event was seen (a {@code /close #ID}). */
    public Uni<Optional<String>> symbolOf(String account, long positionId) {
        return pool.preparedQuery("SELECT symbol FROM position_symbols WHERE position_id = $1 AND account = $2")
                .execute(Tuple.of(positionId, account))
                .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString("symbol")));
    }

    public Uni<List<AwaitingEntry>> awaitingEntry() {
        return pool.query("""
                SELECT position_id, account, venue, symbol, opened_at FROM sessions
                 WHERE status = 'OPEN' AND entry_filled_at IS NULL AND expiry_requested_at IS NULL ORDER BY opened_at""")
                .execute()
                .map(rows -> {
                    List<AwaitingEntry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new AwaitingEntry(r.getLong("position_id"), r.getString("account"), r.getString("venue"),
                                r.getString("symbol"), r.getOffsetDateTime("opened_at").toInstant()));
                    }
                    return out;
                });
    }

    public Uni<Void> markExpiryRequested(long positionId, Instant at) {
        return pool.preparedQuery("UPDATE sessions SET expiry_requested_at = $2 WHERE position_id = $1")
                .execute(Tuple.of(positionId, utc(at))).replaceWithVoid();
    }

    /** Per symbol: counts, win rate and average R of the sessions matching the (nullable) filters. */
    public Uni<List<SessionStatistics>> statistics(String account, String symbol) {
        return statistics(one(account), symbol);
    }

    /** As {@link #statistics(String, String)}, for a caller scoped to some accounts (empty: all). */
    public Uni<List<SessionStatistics>> statistics(Optional<Set<String>> accounts, String symbol) {
        return pool.preparedQuery("""
                SELECT symbol,
                       count(*) AS sessions,
                       count(*) FILTER (WHERE status = 'OPEN') AS open,
                       count(*) FILTER (WHERE status = 'CLOSED') AS closed,
                       count(*) FILTER (WHERE status = 'CLOSED' AND filled_quantity > 0 AND realized_pnl IS NOT NULL) AS trades,
                       count(*) FILTER (WHERE status = 'CLOSED' AND filled_quantity > 0 AND realized_pnl > 0) AS wins,
                       coalesce(sum(realized_pnl) FILTER (WHERE status = 'CLOSED'), 0) AS realized_pnl,
                       avg(realized_pnl / nullif(abs(entry_price - initial_stop_loss) * filled_quantity, 0))
                           FILTER (WHERE status = 'CLOSED' AND filled_quantity > 0) AS average_r
                  FROM sessions
                 WHERE ($1::text[] IS NULL OR account = ANY($1)) AND ($2::text IS NULL OR symbol = $2)
                 GROUP BY symbol ORDER BY symbol""")
                .execute(Tuple.of(array(accounts), symbol))
                .map(rows -> {
                    List<SessionStatistics> out = new ArrayList<>();
                    for (Row r : rows) {
                        long trades = r.getLong("trades");
                        long wins = r.getLong("wins");
                        BigDecimal averageR = r.getBigDecimal("average_r");
                        out.add(new SessionStatistics(r.getString("symbol"), r.getLong("sessions"), r.getLong("open"),
                                r.getLong("closed"), trades, wins, trades - wins,
                                trades == 0 ? null : BigDecimal.valueOf(wins).divide(BigDecimal.valueOf(trades), 4, RoundingMode.HALF_UP),
                                averageR == null ? null : averageR.setScale(4, RoundingMode.HALF_UP),
                                r.getBigDecimal("realized_pnl").stripTrailingZeros().toPlainString()));
                    }
                    return out;
                });
    }

    private static Optional<Set<String>> one(String account) {
        return account == null ? Optional.empty() : Optional.of(Set.of(account));
    }

    private static String[] array(Optional<Set<String>> accounts) {
        return accounts.map(set -> set.toArray(String[]::new)).orElse(null);
    }

    private static List<SignalSession> sessions(RowSet<Row> rows) {
        List<SignalSession> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new SignalSession(r.getString("signal_id"), r.getString("account"), r.getString("symbol"),
                    Side.valueOf(r.getString("side")), plain(r.getBigDecimal("entry")), plain(r.getBigDecimal("stop_loss")),
                    plain(r.getBigDecimal("take_profit")), r.getString("reason"), r.getLong("position_id"), r.getString("status"),
                    r.getString("close_reason"), plain(r.getBigDecimal("realized_pnl")), instant(r.getOffsetDateTime("opened_at")),
                    instant(r.getOffsetDateTime("closed_at"))));
        }
        return out;
    }

    /** When the entry filled, as far as this event tells. */
    private static Instant entryFilledAt(PositionEvent e) {
        PositionSnapshot p = e.position();
        boolean filled = e.type() == PositionEventType.PositionEntryFilled || e.type() == PositionEventType.PositionActivated
                || p.filledQuantity() != null && p.filledQuantity().signum() > 0;
        return filled ? e.occurredAt() : null;
    }

    private static Instant closedAt(PositionEvent e) {
        return e.position().closedAt() != null ? e.position().closedAt() : e.occurredAt();
    }

    /** Numbers read back in their shortest plain form, as position-service writes them. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
