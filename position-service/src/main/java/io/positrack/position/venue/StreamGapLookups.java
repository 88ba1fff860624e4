package io.positrack.position.venue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.lifecycle.PositionRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Looks up, once a venue's order stream is back after a gap, every order the gap could have touched, and applies
 * the states found through the same {@link OrderUpdateHandler} as a streamed update (as the {@link IntentSweeper}
 * does for a stuck intent; the inbox makes a state already applied a no-op), trade by trade with their commissions where
 * the venue lists the trades ({@link LookedUpOrders}). Without it a stop loss filled during the
 * gap would only be found by reconciliation, as a {@code RECONCILED} close without exit price or PnL.
 *
 * <p>Nothing is sent: an order the venue does not know is left to the sweeper (awaited orders) and to protective-order
 * reconciliation (missing protection). A lookup that still fails after its retries is logged and counted; those two
 * settle it later. A gap reported while a round runs starts one more round after it, so the last gap is always
 * followed by a complete round. Outcomes: {@code positrack.venue.gap_lookups{outcome}}.
 */
@ApplicationScoped
public class StreamGapLookups {

    private static final int RETRIES = 3;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF_MAX = Duration.ofSeconds(5);

    private final Pool pool;
    private final PositionRepository positions;
    private final VenueDispatcher venues;
    private final LookedUpOrders updates;
    private final MeterRegistry registry;
    /** Per venue and account: absent when idle, false while a round runs, true when another gap came meanwhile. */
    private final Map<String, Boolean> rounds = new java.util.HashMap<>();

    public StreamGapLookups(Pool pool, PositionRepository positions, VenueDispatcher venues, LookedUpOrders updates,
            MeterRegistry registry) {
        this.pool = pool;
        this.positions = positions;
        this.venues = venues;
        this.updates = updates;
        this.registry = registry;
    }

    /** The stream of {@code account} on {@code venue} is back after a gap: looks its orders up (in the background). */
    public void afterGap(String venue, String account) {
        String key = venue + "/" + account;
        synchronized (rounds) {
            if (rounds.containsKey(key)) {
                rounds.put(key, true);
                return;
            }
            rounds.put(key, false);
        }
        round(venue, account, key);
    }

    private void round(String venue, String account, String key) {
        lookUp(venue, account).subscribe().with(looked -> {
            Log.infof("Stream gap on %s for %s: looked up %d orders", venue, account, looked);
            next(venue, account, key);
        }, e -> {
            Log.warnf("Stream gap on %s for %s: the lookups failed (%s); the sweeper and reconciliation settle what the gap hid",
                    venue, account, e.toString());
            count("failed");
            next(venue, account, key);
        });
    }

    private void next(String venue, String account, String key) {
        synchronized (rounds) {
            if (!rounds.get(key)) {
                rounds.remove(key);
                return;
            }
            rounds.put(key, false);
        }
        round(venue, account, key);
    }

    /** One round: every order of the account's open positions that a gap could have touched; the number looked up. */
    public Uni<Integer> lookUp(String venue, String account) {
        return positions.listOpenWithProtection(pool, account, venue)
                .map(open -> {
                    List<OrderRequest> orders = new ArrayList<>();
                    open.forEach(o -> orders.addAll(touchable(o.position(), o.protectionAttempt())));
                    return orders;
                })
                .flatMap(orders -> Multi.createFrom().iterable(orders).onItem().transformToUniAndConcatenate(this::lookUp)
                        .collect().asList().map(List::size));
    }

    private Uni<Void> lookUp(OrderRequest order) {
        String id = order.clientOrderId().toString();
        return Uni.createFrom().deferred(() -> venues.lookup(order.venue(), order.account(), order.symbol(), id))
                .onFailure().retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).atMost(RETRIES)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        count("unknown_to_venue");
                        return Uni.createFrom().voidItem();
                    }
                    count("applied");
                    return updates.apply(found.get(), order.clientOrderId());
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("Stream gap: lookup of %s failed (%s); the sweeper and reconciliation settle it", id, e.toString());
                    count("failed");
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The orders of {@code p} whose state a gap could have changed, by client order id: its entry while it is not
     * filled (PENDING_ENTRY, ENTRY_PLACED, cancel requested or not); its current exit (CLOSING); and its stop loss and
     * take profit of {@code protectionAttempt} (PENDING_SL, ACTIVE, and CLOSING too: a stop that filled during the gap
     * before its cancel arrived is the close, not the exit).
     */
    public static List<OrderRequest> touchable(PositionSnapshot p, Integer protectionAttempt) {
        Map<String, OrderRequest> orders = new LinkedHashMap<>();
        switch (p.status()) {
            case PENDING_ENTRY, ENTRY_PLACED -> OrderIntents.entry(p).ifPresent(o -> orders.put(o.clientOrderId().toString(), o));
            case PENDING_SL, ACTIVE -> WantedOrders.protection(p, protectionAttempt).forEach(o -> orders.put(o.clientOrderId().toString(), o));
            case CLOSING -> {
                OrderIntents.exit(p).ifPresent(o -> orders.put(o.clientOrderId().toString(), o));
                WantedOrders.protection(p, protectionAttempt).forEach(o -> orders.put(o.clientOrderId().toString(), o));
            }
            default -> {
                // A finished position has nothing a gap could still change for it.
            }
        }
        return List.copyOf(orders.values());
    }

    private void count(String outcome) {
        registry.counter("positrack.venue.gap_lookups", "outcome", outcome).increment();
    }
}
