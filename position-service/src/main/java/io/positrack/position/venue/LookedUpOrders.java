package io.positrack.position.venue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * arriving later, is the same trade id and is booked never (inbox and ledger). A stop loss or take profit is listed the
 * same way, by the matching engine's order its trigger placed (the state's {@code venueOrderId}).
 *
 * <p>The state waits for the list {@link #LIST_WAIT} at most: the fill is the position's truth, and a close must not
 * hang on a fee. Past that it is applied alone and the list is still asked for ({@link #RETRIES} retries, 500 ms
 * doubling to 5 s); trades listed late are applied when they come, their commission then booked on the position as
 * {@code PositionChargesRecorded} (they move no quantity the state did not). A list that cannot be read after its
 * retries leaves that commission unbooked (logged). Counted: {@code positrack.venue.trade_lookups{outcome=listed|
 * none_missing|retrying|listed_late|failed}} and {@code positrack.venue.trades_from_lookups} (trades applied from them).
 */
@ApplicationScoped
public class LookedUpOrders {

    /** How long a looked-up state waits for its order's trade list before it is applied alone. */
    static final Duration LIST_WAIT = Duration.ofSeconds(2);
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
                        : missingTrades(venue, found, id, recorded))
                .flatMap(missing -> applyAll(missing, id))
                .flatMap(applied -> updates.apply(found, id));
    }

    /**
     * The trades of {@code found} the ledger lacks, as listed within {@link #LIST_WAIT}; none when the list takes longer
     * or fails, and then those listed later are applied on their own when they come.
     */
    private Uni<List<OrderUpdate>> missingTrades(ExecutionVenue venue, OrderUpdate found, ClientOrderId id,
            java.util.Map<String, java.math.BigDecimal> recorded) {
        return Uni.createFrom().emitter(answer -> {
            AtomicBoolean answered = new AtomicBoolean();
            Uni.createFrom().deferred(() -> venue.trades(found.account(), found.symbol(), found))
                    // No jitter: one list per order, asked at 0, 0.5, 1.5 and 3.5 s, as the docs say.
                    .onFailure().retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).withJitter(0).atMost(RETRIES)
                    .map(trades -> MissedTrades.missing(found, trades, recorded))
                    .subscribe().with(missing -> {
                        registry.counter("positrack.venue.trades_from_lookups").increment(missing.size());
                        if (answered.compareAndSet(false, true)) {
                            count(missing.isEmpty() ? "none_missing" : "listed");
                            answer.complete(missing);
                            return;
                        }
                        count("listed_late");
                        applyAll(missing, id).subscribe().with(
                                applied -> Log.infof("The trades of %s (%s) were listed after its state was applied: %d applied now",
                                        found.clientOrderId(), found.symbol(), missing.size()),
                                e -> Log.warnf("The late trades of %s (%s) could not be applied (%s)", found.clientOrderId(), found.symbol(),
                                        e.toString()));
                    }, e -> {
                        Log.warnf("The trades of %s (%s) could not be listed (%s): its fill is applied as looked up, without the"
                                + " commission of the trades the stream did not bring", found.clientOrderId(), found.symbol(), e.toString());
                        count("failed");
                        if (answered.compareAndSet(false, true)) {
                            answer.complete(List.of());
                        }
                    });
            Uni.createFrom().voidItem().onItem().delayIt().by(LIST_WAIT).subscribe().with(ignored -> {
                if (answered.compareAndSet(false, true)) {
                    count("retrying");
                    Log.infof("The trades of %s (%s) are not listed after %d ms: its state is applied, the list still asked for",
                            found.clientOrderId(), found.symbol(), LIST_WAIT.toMillis());
                    answer.complete(List.of());
                }
            });
        });
    }

    private Uni<List<Void>> applyAll(List<OrderUpdate> trades, ClientOrderId id) {
        return Multi.createFrom().iterable(trades).onItem().transformToUniAndConcatenate(trade -> updates.apply(trade, id)).collect().asList();
    }

    private void count(String outcome) {
        registry.counter("positrack.venue.trade_lookups", "outcome", outcome).increment();
    }
}
