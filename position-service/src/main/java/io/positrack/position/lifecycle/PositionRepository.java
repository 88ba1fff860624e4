package io.positrack.position.lifecycle;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL over {@code positions}. Every method takes the client so callers choose the transaction. */
@ApplicationScoped
public class PositionRepository {

    /** The open statuses, spelled as in the partial unique index so PostgreSQL can infer it. */
    public static final String OPEN_PREDICATE = "status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE', 'CLOSING')";

    /**
     * Inserts a new open position unless a unique index says no: the symbol already has an open position
     * ({@code positions_one_open_per_symbol}) or the signal already opened one ({@code positions_one_per_signal}).
     * Empty means one of them refused; the caller finds which and answers with that position.
     */
    public Uni<Optional<PositionSnapshot>> insertIfNoneOpen(SqlClient client, PositionSnapshot p) {
        return client.preparedQuery("""
                INSERT INTO positions (account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity,
                                       stop_loss, take_profit, origin, signal_id, version, opened_at, updated_at, entry_price)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
                ON CONFLICT DO NOTHING
                RETURNING %s""".formatted(PositionRows.COLUMNS))
                .execute(Tuple.from(List.of(p.account(), p.venue(), p.symbol(), p.side().name(), p.status().name(),
                        p.quantity(), p.filledQuantity(), p.remainingQuantity()))
                        .addValue(p.stopLoss()).addValue(p.takeProfit()).addValue(p.origin().name())
                        .addValue(p.signalId()).addValue(p.version()).addValue(PositionRows.timestamp(p.openedAt()))
                        .addValue(p.entryPrice()))
                .map(PositionRepository::first);
    }

    /** Sets the entry order id, which is known only once the row has its id. Part of the opening transaction. */
    public Uni<Void> setEntryOrderId(SqlClient client, long positionId, String entryOrderId) {
        return client.preparedQuery("UPDATE positions SET entry_order_id = $1 WHERE id = $2")
                .execute(Tuple.of(entryOrderId, positionId)).replaceWithVoid();
    }

    /**
     * Writes {@code next} over the row if, and only if, the row is still at {@code expected}'s version
     * and status. False means somebody else moved the position first; the caller must not retry blindly.
     */
    public Uni<Boolean> updateIfUnchanged(SqlClient client, PositionSnapshot expected, PositionSnapshot next) {
        return client.preparedQuery("""
                UPDATE positions
                   SET status = $1, quantity = $2, filled_quantity = $3, remaining_quantity = $4, entry_price = $5,
                       exit_price = $6, stop_loss = $7, take_profit = $8, realized_pnl = $9, close_reason = $10,
                       entry_order_id = $11, exit_order_id = $12, exit_attempt = $13, version = $14,
                       updated_at = $15, closed_at = $16
                 WHERE id = $17 AND version = $18 AND status = $19""")
                .execute(Tuple.from(new Object[] { next.status().name(), next.quantity(), next.filledQuantity(),
                        next.remainingQuantity(), next.entryPrice(), next.exitPrice(), next.stopLoss(), next.takeProfit(),
                        next.realizedPnl(), next.closeReason(), next.entryOrderId(), next.exitOrderId(), next.exitAttempt(),
                        next.version(), PositionRows.timestamp(next.updatedAt()), PositionRows.timestamp(next.closedAt()),
                        expected.id(), expected.version(), expected.status().name() }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The open position of a symbol, locked for the rest of the transaction so the answer cannot go stale before commit. */
    public Uni<Optional<PositionSnapshot>> findOpenForUpdate(SqlClient client, String account, String venue, String symbol) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS
                + " FROM positions WHERE account = $1 AND venue = $2 AND symbol = $3 AND " + OPEN_PREDICATE + " FOR UPDATE")
                .execute(Tuple.of(account, venue, symbol))
                .map(PositionRepository::first);
    }

    /** The position a signal opened, if any (at most one: {@code positions_one_per_signal}). */
    public Uni<Optional<PositionSnapshot>> findBySignal(SqlClient client, String account, String venue, String signalId) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS
                + " FROM positions WHERE account = $1 AND venue = $2 AND signal_id = $3")
                .execute(Tuple.of(account, venue, signalId))
                .map(PositionRepository::first);
    }

    public Uni<Optional<PositionSnapshot>> findById(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS + " FROM positions WHERE id = $1")
                .execute(Tuple.of(id))
                .map(PositionRepository::first);
    }

    public Uni<Optional<PositionSnapshot>> findByIdForUpdate(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS + " FROM positions WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(PositionRepository::first);
    }

    /** The latest position of a symbol, open or not: what "status" answers when nothing is open. */
    public Uni<Optional<PositionSnapshot>> findLatest(SqlClient client, String account, String venue, String symbol) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS
                + " FROM positions WHERE account = $1 AND venue = $2 AND symbol = $3 ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(account, venue, symbol))
                .map(PositionRepository::first);
    }

    public Uni<List<PositionSnapshot>> listOpen(SqlClient client, String account) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS
                + " FROM positions WHERE account = $1 AND " + OPEN_PREDICATE + " ORDER BY symbol, id")
                .execute(Tuple.of(account))
                .map(PositionRepository::all);
    }

    /** Finished positions, newest first, of an account and optionally one symbol. */
    public Uni<List<PositionSnapshot>> history(SqlClient client, String account, String symbol, int limit) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS
                + " FROM positions WHERE account = $1 AND ($2::text IS NULL OR symbol = $2) AND status IN ('CLOSED', 'ROLLED_BACK')"
                + " ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(account, symbol, limit))
                .map(PositionRepository::all);
    }

    /** Filtered listing for the REST API. */
    /** {@code scope} null: every account; otherwise only positions of those accounts (the caller's, {@code sqlScope()}). */
    public Uni<List<PositionSnapshot>> search(SqlClient client, String[] scope, String symbol, PositionStatus status, Boolean open,
            int limit, long beforeId) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS + """
                 FROM positions
                WHERE ($1::text[] IS NULL OR account = ANY($1)) AND ($2::text IS NULL OR symbol = $2)
                  AND ($3::text IS NULL OR status = $3)
                  AND ($4::boolean IS NULL OR (%s) = $4)
                  AND id < $5
                ORDER BY id DESC LIMIT $6""".formatted(OPEN_PREDICATE))
                .execute(Tuple.from(new Object[] { scope, symbol, status == null ? null : status.name(), open, beforeId, limit }))
                .map(PositionRepository::all);
    }

    private static Optional<PositionSnapshot> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(PositionRows.toSnapshot(it.next())) : Optional.empty();
    }

    private static List<PositionSnapshot> all(RowSet<Row> rows) {
        List<PositionSnapshot> result = new java.util.ArrayList<>();
        rows.forEach(r -> result.add(PositionRows.toSnapshot(r)));
        return result;
    }

    /**
     * Positions waiting on the venue (entry, protection or exit sent, no acknowledgement or fill heard)
     * for longer than {@code olderThanMillis}: the intents a crash between commit and send may have lost.
     */
    public Uni<List<PositionSnapshot>> awaitingVenue(SqlClient client, long olderThanMillis, int limit) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS + """
                 FROM positions
                WHERE status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'CLOSING')
                  AND updated_at < now() - $1 * interval '1 millisecond'
                ORDER BY updated_at LIMIT $2""")
                .execute(Tuple.of(olderThanMillis, limit))
                .map(rows -> {
                    List<PositionSnapshot> out = new java.util.ArrayList<>();
                    rows.forEach(row -> out.add(PositionRows.toSnapshot(row)));
                    return out;
                });
    }

    /**
     * The event types whose transition decides a position's protection: the entry fill that asks for its first stop
     * loss and take profit, and every stops update. The version of the latest one is the attempt number in the
     * client order ids of the protection the position wants now ({@code ProtectiveOrders}).
     */
    private static final String DECIDES_PROTECTION = "type IN ('PositionEntryFilled', 'PositionStopsUpdated')";

    /** The protection attempt of each of {@code positionIds} that has one (see {@link #DECIDES_PROTECTION}). */
    public Uni<java.util.Map<Long, Integer>> protectionAttempts(SqlClient client, java.util.Collection<Long> positionIds) {
        if (positionIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return client.preparedQuery("SELECT position_id, max(version) AS attempt FROM position_events WHERE position_id = ANY ($1) AND "
                + DECIDES_PROTECTION + " GROUP BY position_id")
                .execute(Tuple.of(positionIds.toArray(Long[]::new)))
                .map(rows -> {
                    java.util.Map<Long, Integer> attempts = new java.util.HashMap<>();
                    rows.forEach(r -> attempts.put(r.getLong("position_id"), Math.toIntExact(r.getLong("attempt"))));
                    return attempts;
                });
    }

    /** The protection attempt of one position; empty when nothing has decided protection for it. */
    public Uni<java.util.Optional<Integer>> protectionAttempt(SqlClient client, long positionId) {
        return protectionAttempts(client, List.of(positionId)).map(m -> java.util.Optional.ofNullable(m.get(positionId)));
    }

    /** An open position with its protection attempt (null when nothing has decided its protection yet). */
    public record WithProtection(PositionSnapshot position, Integer protectionAttempt) {
    }

    /** Every open position of an account on a venue, by symbol, each with its protection attempt. */
    public Uni<List<WithProtection>> listOpenWithProtection(SqlClient client, String account, String venue) {
        return listOpen(client, account, venue).flatMap(open -> protectionAttempts(client, open.stream().map(PositionSnapshot::id).toList())
                .map(attempts -> open.stream().map(p -> new WithProtection(p, attempts.get(p.id()))).toList()));
    }

    /** Every open position of an account on a venue, by symbol. */
    public Uni<List<PositionSnapshot>> listOpen(SqlClient client, String account, String venue) {
        return client.preparedQuery("SELECT " + PositionRows.COLUMNS
                + " FROM positions WHERE account = $1 AND venue = $2 AND " + OPEN_PREDICATE + " ORDER BY symbol, id")
                .execute(Tuple.of(account, venue))
                .map(PositionRepository::all);
    }
}
