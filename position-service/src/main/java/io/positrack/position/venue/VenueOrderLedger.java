package io.positrack.position.venue;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.lifecycle.PositionRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every order update the venue reported, kept with the venue's own event and transaction times and what
 * Positrack made of it ({@code venue_order_updates}). A fill's trade id (unique per venue, account and
 * symbol) is held by its first arrival; a replayed fill, whatever it arrives as, is kept as a row of its own
 * with outcome {@code duplicate_trade} and applied never. The quantity of an order already accounted for is
 * the largest cumulative fill among its applied updates: fills are applied as the difference to it, so
 * partial fills that arrive late or twice add nothing.
 */
@ApplicationScoped
public class VenueOrderLedger {

    /** Outcome of a fill whose trade id an earlier update holds; its row is written with it. */
    public static final String DUPLICATE_TRADE = "duplicate_trade";

    /**
     * A recorded update: its row, and whether the row is a replayed trade (already settled as
     * {@link #DUPLICATE_TRADE}) rather than one waiting for its outcome.
     */
    public record Recorded(long seq, boolean duplicateTrade) {
    }

    private static final String INSERT = """
            INSERT INTO venue_order_updates (account, venue, symbol, client_order_id, venue_order_id, status, trade_id,
                filled_quantity, average_price, last_filled_quantity, last_filled_price, event_time, transaction_time, reason, outcome,
                commission, commission_asset)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """;

    /** Records the update; a trade id recorded before makes it a {@link #DUPLICATE_TRADE} row. */
    public Uni<Recorded> record(SqlClient tx, OrderUpdate u) {
        return tx.preparedQuery(INSERT + """
                ON CONFLICT (venue, account, symbol, trade_id) WHERE trade_id IS NOT NULL AND outcome IS DISTINCT FROM 'duplicate_trade'
                DO NOTHING RETURNING seq""")
                .execute(values(u, null))
                .flatMap(rows -> rows.size() > 0 ? Uni.createFrom().item(new Recorded(rows.iterator().next().getLong("seq"), false))
                        // Outside the unique index by its outcome, so this insert cannot conflict.
                        : tx.preparedQuery(INSERT + "RETURNING seq").execute(values(u, DUPLICATE_TRADE))
                                .map(dup -> new Recorded(dup.iterator().next().getLong("seq"), true)));
    }

    private static Tuple values(OrderUpdate u, String outcome) {
        return Tuple.from(new Object[] { u.account(), u.venue(), u.symbol(), u.clientOrderId(), u.venueOrderId(), u.status().name(),
                u.tradeId(), u.filledQuantity(), u.averagePrice(), u.lastFilledQuantity(), u.lastFilledPrice(),
                PositionRows.timestamp(u.eventTime()), PositionRows.timestamp(u.transactionTime()), u.reason(), outcome, u.commission(),
                u.commissionAsset() });
    }

    /** The cumulative quantity of this order that earlier applied updates accounted for. */
    public Uni<BigDecimal> accountedFor(SqlClient tx, String venue, String clientOrderId) {
        return tx.preparedQuery("""
                SELECT coalesce(max(filled_quantity), 0) AS filled FROM venue_order_updates
                 WHERE venue = $1 AND client_order_id = $2 AND outcome = 'applied'""")
                .execute(Tuple.of(venue, clientOrderId))
                .map(rows -> PositionRows.strip(rows.iterator().next().getBigDecimal("filled")));
    }

    /**
     * The trades of this order the ledger holds (trade id → that trade's own quantity, null when the update did not
     * say), replayed ones left out: what {@link MissedTrades} compares a looked-up order with.
     */
    public Uni<java.util.Map<String, BigDecimal>> trades(SqlClient client, String venue, String clientOrderId) {
        return client.preparedQuery("""
                SELECT trade_id, last_filled_quantity FROM venue_order_updates
                 WHERE venue = $1 AND client_order_id = $2 AND trade_id IS NOT NULL AND outcome IS DISTINCT FROM 'duplicate_trade'""")
                .execute(Tuple.of(venue, clientOrderId))
                .map(rows -> {
                    java.util.Map<String, BigDecimal> trades = new java.util.HashMap<>();
                    rows.forEach(row -> {
                        BigDecimal quantity = row.getBigDecimal("last_filled_quantity");
                        trades.put(row.getString("trade_id"), quantity == null ? null : PositionRows.strip(quantity));
                    });
                    return trades;
                });
    }

    /** What the update led to: {@code applied}, or why it changed nothing. */
    public Uni<Void> outcome(SqlClient tx, long seq, String outcome) {
        return tx.preparedQuery("UPDATE venue_order_updates SET outcome = $2 WHERE seq = $1").execute(Tuple.of(seq, outcome))
                .replaceWithVoid();
    }
}
