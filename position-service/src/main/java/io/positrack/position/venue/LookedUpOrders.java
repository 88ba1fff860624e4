package io.positrack.position.venue;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderUpdate;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Applies the state of an order that a lookup found (stream gap lookups, the intent sweeper, protective-order
 * reconciliation), trade by trade where the venue lists trades: a lookup says what filled, not what it was charged.
 * When the order filled beyond the trades the ledger holds ({@link MissedTrades#worthListing}), its trades are listed
 * and each one not held yet is applied first, as the stream would have applied it (trade id, quantity and price,
 * commission), then the state itself, which then adds nothing the trades did not. The stream's copy of such a trade,
 * arriving later, is the same trade id and is booked never (inbox and ledger).
 *
 * <p>A trade list that cannot be read after its retries leaves the state to be applied alone, as before: the fill is
 * the position's truth and must not wait; its commission is then not booked. Logged and counted:
 * {@code positrack.venue.trade_lookups{outcome=listed|none_missing|failed}} (lists read) and
 * {@code positrack.venue.trades_from_lookups} (trades applied from them).
 */
@ApplicationScoped
public class LookedUpOrders {

    private static final int RETRIES = 3;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF_MAX = Duration.ofSeconds(5);

    private final Pool pool;
    private final VenueDispatcher venues;
    private final VenueOrderLedger ledger;
    private final OrderUpdateHandler updates;
    private final MeterRegistry registry;

    public LookedUpOrders(Pool pool, VenueDispatcher venues, VenueOrderLedger ledger, OrderUpdateHandler updates, MeterRegistry registry) {
        this.pool = pool;
        this.venues = venues;
        this.ledger = ledger;
        this.updates = updates;
        this.registry = registry;
    }

    /** Applies what the lookup found of order {@code id}: the trades it has not applied yet, then the state. */
    public Uni<Void> apply(OrderUpdate found, ClientOrderId id) {
        ExecutionVenue venue = venues.venue(found.venue());
        if (venue == null || !venue.listsTrades() || !MissedTrades.filledAny(found)) {
            return updates.apply(found, id);
        }
        return ledger.trades(pool, found.venue(), found.clientOrderId())
                .flatMap(recorded -> !MissedTrades.worthListing(found, recorded) ? Uni.createFrom().item(List.<OrderUpdate>of())
                        : Uni.createFrom().deferred(() -> venue.trades(found.account(), found.symbol(), found))
                                .onFailure().retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).atMost(RETRIES)
                                .map(trades -> {
                                    List<OrderUpdate> missing = MissedTrades.missing(found, trades, recorded);
                                    count(missing.isEmpty() ? "none_missing" : "listed");
                                    registry.counter("positrack.venue.trades_from_lookups").increment(missing.size());
                                    return missing;
                                })
                                .onFailure().recoverWithItem(e -> {
                                    Log.warnf("The trades of %s (%s) could not be listed (%s): its fill is applied as looked up, without"
                                            + " the commission of the trades the stream did not bring", found.clientOrderId(), found.symbol(),
                                            e.toString());
                                    count("failed");
                                    return List.of();
                                }))
                .flatMap(missing -> Multi.createFrom().iterable(missing).onItem().transformToUniAndConcatenate(trade -> updates.apply(trade, id))
                        .collect().asList())
                .flatMap(applied -> updates.apply(found, id));
    }

    private void count(String outcome) {
        registry.counter("positrack.venue.trade_lookups", "outcome", outcome).increment();
    }
}
