package io.positrack.position.venue;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.runtime.wire.Texts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Cancels the venue has not confirmed yet ({@code venue_cancels}). Each cancel is recorded before it is sent and
 * forgotten once the venue confirms it (its answer, or its list of working orders no longer showing the order), so a
 * cancel that failed every retry is neither lost nor repeated blindly: protective-order reconciliation settles it,
 * and no entry is sent on its key meanwhile ({@link VenueDispatcher}).
 */
@ApplicationScoped
public class UnconfirmedCancels {

    private static final String COLUMNS = "id, account, venue, symbol, position_id, client_order_id, keep_attempt";

    /** One unconfirmed cancel: of one order, or of a position's protection except one attempt. */
    public record Pending(long id, String account, String venue, String symbol, long positionId, String clientOrderId, int keepAttempt) {

        /** The cancel to send again. */
        public VenueAction action() {
            return clientOrderId != null ? new VenueAction.Cancel(venue, account, symbol, clientOrderId)
                    : new VenueAction.CancelProtection(venue, account, symbol, positionId, keepAttempt);
        }

        /** Whether {@code order}, still working, is one this cancel is about (so the cancel is not confirmed yet). */
        public boolean covers(OpenOrder order) {
            if (!order.symbol().equals(symbol)) {
                return false;
            }
            if (clientOrderId != null) {
                return clientOrderId.equals(order.clientOrderId());
            }
            return order.positrackId().filter(id -> id.positionId() == positionId && isProtection(id) && id.attempt() != keepAttempt)
                    .isPresent();
        }

        private static boolean isProtection(ClientOrderId id) {
            return id.role() == OrderRole.STOP_LOSS || id.role() == OrderRole.TAKE_PROFIT;
        }
    }

    private final Pool pool;

    public UnconfirmedCancels(Pool pool) {
        this.pool = pool;
    }

    /** Records a cancel about to be sent; its id, to confirm it by. */
    public Uni<Long> record(VenueAction cancel) {
        Tuple row;
        if (cancel instanceof VenueAction.Cancel c) {
            long positionId = ClientOrderId.parse(c.clientOrderId()).map(ClientOrderId::positionId).orElse(0L);
            row = Tuple.from(new Object[] { c.account(), c.venue(), c.symbol(), positionId, c.clientOrderId(), null });
        } else {
            VenueAction.CancelProtection c = (VenueAction.CancelProtection) cancel;
            row = Tuple.from(new Object[] { c.account(), c.venue(), c.symbol(), c.positionId(), null, c.keepAttempt() });
        }
        return pool.preparedQuery("""
                INSERT INTO venue_cancels (account, venue, symbol, position_id, client_order_id, keep_attempt)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""").execute(row).map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The venue confirmed the cancel: forgotten. */
    public Uni<Void> confirmed(long id) {
        return pool.preparedQuery("DELETE FROM venue_cancels WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The cancel failed again: kept, with how often and why (for operators). */
    public Uni<Void> failed(long id, Throwable failure) {
        return pool.preparedQuery("UPDATE venue_cancels SET attempts = attempts + 1, last_error = $2 WHERE id = $1")
                .execute(Tuple.of(id, Texts.bounded(failure.toString(), 500))).replaceWithVoid();
    }

    /** The unconfirmed cancels on one key, oldest first. */
    public Uni<List<Pending>> on(String venue, String account, String symbol) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM venue_cancels WHERE account = $1 AND venue = $2 AND symbol = $3 ORDER BY id")
                .execute(Tuple.of(account, venue, symbol)).map(UnconfirmedCancels::all);
    }

    /** The unconfirmed cancels of one account on one venue, oldest first. */
    public Uni<List<Pending>> of(String venue, String account) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM venue_cancels WHERE account = $1 AND venue = $2 ORDER BY id")
                .execute(Tuple.of(account, venue)).map(UnconfirmedCancels::all);
    }

    private static List<Pending> all(RowSet<Row> rows) {
        List<Pending> pending = new ArrayList<>();
        for (Row r : rows) {
            Integer keep = r.getInteger("keep_attempt");
            pending.add(new Pending(r.getLong("id"), r.getString("account"), r.getString("venue"), r.getString("symbol"),
                    r.getLong("position_id"), r.getString("client_order_id"), keep == null ? 0 : keep));
        }
        return pending;
    }
}
