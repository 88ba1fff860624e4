package io.positrack.position.venue;

import java.math.BigDecimal;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.lifecycle.PositionRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every order update the venue reported, kept with the venue's own event and transaction times and what
 * Positrack made of it ({@code venue_order_updates}). A fill is recorded once per trade id (unique per
 * venue, account and symbol), so a replayed fill, whatever it arrives as, is applied once. The quantity
 * of an order already accounted for is the largest cumulative fill among its applied updates: fills are
 * applied as the difference to it, so partial fills that arrive late or twice add nothing.
 */
@ApplicationScoped
public class VenueOrderLedger {

    /** Records the update; empty when its trade id was recorded before (a replayed fill). */
    public Uni<Optional<Long>> record(SqlClient tx, OrderUpdate u) {
        return tx.preparedQuery("""
                INSERT INTO venue_order_updates (account, venue, symbol, client_order_id, venue_order_id, status, trade_id,
                    filled_quantity, average_price, last_filled_quantity, last_filled_price, event_time, transaction_time, reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                ON CONFLICT (venue, account, symbol, trade_id) WHERE trade_id IS NOT NULL DO NOTHING
                RETURNING seq""")
                .execute(Tuple.from(new Object[] { u.account(), u.venue(), u.symbol(), u.clientOrderId(), u.venueOrderId(),
                        u.status().name(), u.tradeId(), u.filledQuantity(), u.averagePrice(), u.lastFilledQuantity(),
                        u.lastFilledPrice(), PositionRows.timestamp(u.eventTime()), PositionRows.timestamp(u.transactionTime()),
                        u.reason() }))
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong("seq")));
    }

    /** The cumulative quantity of this order that earlier applied updates accounted for. */
    public Uni<BigDecimal> accountedFor(SqlClient tx, String venue, String clientOrderId) {
        return tx.preparedQuery("""
                SELECT coalesce(max(filled_quantity), 0) AS filled FROM venue_order_updates
                 WHERE venue = $1 AND client_order_id = $2 AND outcome = 'applied'""")
                .execute(Tuple.of(venue, clientOrderId))
                .map(rows -> PositionRows.strip(rows.iterator().next().getBigDecimal("filled")));
    }

    /** What the update led to: {@code applied}, or why it changed nothing. */
    public Uni<Void> outcome(SqlClient tx, long seq, String outcome) {
        return tx.preparedQuery("UPDATE venue_order_updates SET outcome = $2 WHERE seq = $1").execute(Tuple.of(seq, outcome))
                .replaceWithVoid();
    }
}
