package io.positrack.position.reconciliation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.command.ProtectiveOrders;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.OpenOrder;
import io.positrack.position.venue.OrderRequest;
import io.positrack.position.venue.LookedUpOrders;
import io.positrack.position.venue.UnconfirmedCancels;
import io.positrack.position.venue.VenueAction;
import io.positrack.position.venue.VenueDispatcher;
import io.positrack.position.venue.WantedOrders;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reconciles orders as {@link PositionReportHandler} reconciles positions: for one account on one venue, the venue's
 * working orders are compared with what the open positions want ({@link ProtectionPlan}), and the venue is repaired.
 * Leftovers are cancelled; a stop loss or take profit an ACTIVE position has lacked for two rounds is looked up and
 * either applied (the venue filled or ended it while its update was lost), renewed under a new attempt (ended
 * unfilled: cancelled by hand, expired), or placed (never arrived). Unconfirmed cancels the venue no longer shows are
 * forgotten. Every repair is counted ({@code positrack.reconciliation.orders{outcome}}), logged and written to
 * {@code venue_order_repairs}. Runs after each position reconciliation of the account; every replica may run it.
 */
@ApplicationScoped
public class ProtectionReconciler {

    private final Pool pool;
    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final VenueDispatcher venues;
    private final LookedUpOrders updates;
    private final UnconfirmedCancels cancels;
    private final Clock clock;
    private final MeterRegistry registry;
    /** Per venue and account, the wanted orders the last round found missing. */
    private final Map<String, Set<String>> missingLastRound = new ConcurrentHashMap<>();

    public ProtectionReconciler(Pool pool, PositionRepository positions, TransitionWriter transitions, VenueDispatcher venues,
            LookedUpOrders updates, UnconfirmedCancels cancels, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.positions = positions;
        this.transitions = transitions;
        this.venues = venues;
        this.updates = updates;
        this.cancels = cancels;
        this.clock = clock;
        this.registry = registry;
    }

    /** One round for one account: fails when the venue's orders cannot be listed (the account's state is then unknown). */
    public Uni<ProtectionPlan.Plan> reconcile(ExecutionVenue venue, String account) {
        String key = venue.name() + "/" + account;
        // The venue first, then the database (see ProtectionPlan).
        return venue.openOrders(account).flatMap(working -> positions.listOpenWithProtection(pool, account, venue.name())
                .map(open -> open.stream()
                        .map(o -> new ProtectionPlan.Wanting(o.position(), WantedOrders.of(o.position(), o.protectionAttempt())))
                        .toList())
                .flatMap(wanting -> cancels.of(venue.name(), account)
                        .map(unconfirmed -> ProtectionPlan.decide(working, wanting, missingLastRound.getOrDefault(key, Set.of()),
                                unconfirmed))))
                .invoke(plan -> missingLastRound.put(key, plan.missingIds()))
                .call(plan -> carryOut(venue, plan));
    }

    private Uni<Void> carryOut(ExecutionVenue venue, ProtectionPlan.Plan plan) {
        plan.missing().stream().filter(o -> !plan.missingTwice().contains(o)).forEach(o -> count("missing_seen"));
        Uni<Void> confirmed = each(plan.confirmed(), p -> cancels.confirmed(p.id()).invoke(() -> count("cancel_confirmed")));
        Uni<Void> leftovers = each(plan.leftovers(), this::cancelLeftover);
        Uni<Void> missing = each(plan.missingTwice(), o -> repairMissing(venue, o));
        return confirmed.chain(() -> leftovers).chain(() -> missing);
    }

    private Uni<Void> cancelLeftover(OpenOrder o) {
        Log.warnf("Order %s (%s %s on %s) is working but no open position wants it: cancelling it", o.clientOrderId(), o.account(),
                o.symbol(), o.venue());
        count("leftover_cancelled");
        return audit(o.account(), o.venue(), o.symbol(), o.clientOrderId(), "CANCELLED_LEFTOVER", o.type() + " " + o.side() + " "
                + o.quantity().toPlainString() + (o.triggerPrice() == null ? "" : " @ " + o.triggerPrice().toPlainString()))
                .chain(() -> venues.dispatch(List.of(new VenueAction.Cancel(o.venue(), o.account(), o.symbol(), o.clientOrderId()))));
    }

    /** A protective order missing for two rounds: what the venue knows of it decides. A failed lookup waits for the next round. */
    private Uni<Void> repairMissing(ExecutionVenue venue, OrderRequest order) {
        String id = order.clientOrderId().toString();
        return venue.lookup(order.account(), order.symbol(), id).flatMap(found -> {
            if (found.isEmpty()) {
                Log.warnf("Protective order %s of position #%d is not on %s: placing it", id, order.clientOrderId().positionId(),
                        order.venue());
                count("missing_placed");
                return audit(order.account(), order.venue(), order.symbol(), id, "PLACED_MISSING", "unknown to the venue")
                        .chain(() -> venues.dispatch(List.of(new VenueAction.Place(order))));
            }
            OrderUpdate state = found.get();
            if (!state.status().isFinal()) {
                return Uni.createFrom().voidItem(); // listed late: working after all
            }
            count("found_state_applied");
            return audit(order.account(), order.venue(), order.symbol(), id, "APPLIED_FOUND_STATE", state.status() + " "
                    + (state.reason() == null ? "" : state.reason()))
                    .chain(() -> updates.apply(state, order.clientOrderId()))
                    .chain(() -> state.isFill() ? Uni.createFrom().voidItem() : renew(order));
        }).onFailure().recoverWithUni(e -> {
            Log.warnf("Lookup of protective order %s failed (%s); the next round asks again", id, e.toString());
            count("lookup_failed");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The venue ended the stop or take profit without a fill (cancelled outside Positrack, expired) while the position
     * still wants it: the position would be unprotected. Its stops are set again, unchanged, under a new attempt (a
     * stops update with this repair as its cause), which places fresh orders under new ids.
     */
    private Uni<Void> renew(OrderRequest ended) {
        long positionId = ended.clientOrderId().positionId();
        return pool.withTransaction(tx -> positions.findByIdForUpdate(tx, positionId)
                .flatMap(found -> positions.protectionAttempt(tx, positionId).flatMap(attempt -> {
                    Optional<PositionSnapshot> p = found;
                    if (p.isEmpty() || p.get().status() != PositionStatus.ACTIVE || attempt.isEmpty()
                            || attempt.get() != ended.clientOrderId().attempt()) {
                        return Uni.createFrom().item(List.<VenueAction>of()); // moved on meanwhile: nothing to renew
                    }
                    PositionSnapshot next = PositionChange.of(p.get()).stops(p.get().stopLoss(), p.get().takeProfit()).next(clock.now());
                    return transitions.transition(tx, p.get(), next, PositionEventType.PositionStopsUpdated,
                            "reconciliation:protection-ended:" + ended.clientOrderId())
                            .map(written -> written == null ? List.<VenueAction>of() : ProtectiveOrders.replace(written));
                })))
                .flatMap(actions -> {
                    if (actions.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.warnf("Protective order %s ended unfilled on %s while position #%d still wants it: protection renewed",
                            ended.clientOrderId(), ended.venue(), positionId);
                    count("protection_renewed");
                    return audit(ended.account(), ended.venue(), ended.symbol(), ended.clientOrderId().toString(), "RENEWED_PROTECTION",
                            "ended unfilled on the venue").chain(() -> venues.dispatch(actions));
                });
    }

    private Uni<Void> audit(String account, String venue, String symbol, String clientOrderId, String action, String detail) {
        Long positionId = io.positrack.contracts.venue.ClientOrderId.parse(clientOrderId).map(id -> id.positionId()).orElse(null);
        return pool.preparedQuery("""
                INSERT INTO venue_order_repairs (account, venue, symbol, client_order_id, position_id, action, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] { account, venue, symbol, clientOrderId, positionId, action, detail }))
                .replaceWithVoid();
    }

    /** One step per item, one after another. */
    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item));
        }
        return chain;
    }

    private void count(String outcome) {
        registry.counter("positrack.reconciliation.orders", "outcome", outcome).increment();
    }
}
