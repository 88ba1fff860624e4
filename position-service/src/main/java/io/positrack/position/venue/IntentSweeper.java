package io.positrack.position.venue;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.command.EntryCancellation;
import io.positrack.position.command.ProtectiveOrders;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Resolves order intents whose outcome a crash may have lost.
 *
 * <p>An order intent is committed with its transition and sent after the commit; the venue's answer
 * comes back later on {@code venue-events}. A process killed in between (or a venue update lost on its
 * way) leaves a position in PENDING_ENTRY, ENTRY_PLACED, PENDING_SL or CLOSING with nothing that would
 * ever move it. Once such a position has waited longer than {@code positrack.position.intents.resend-after},
 * the sweeper asks the venue for each awaited order by its recorded client order id:
 * <ul>
 * <li>the venue knows it: its current state is applied through the same {@link OrderUpdateHandler} as a
 * streamed update (the inbox makes an update already applied a no-op), with the trades the stream did not bring
 * ({@link LookedUpOrders});</li>
 * <li>the venue does not know it: it was never sent, and it is sent now with the same id.</li>
 * </ul>
 * A failed lookup is "unknown": nothing is sent, the next sweep asks again. Every replica may sweep; both
 * branches are idempotent.
 */
@ApplicationScoped
public class IntentSweeper {

    private static final int BATCH = 200;

    private final Pool pool;
    private final PositionRepository positions;
    private final VenueDispatcher venues;
    private final OrderUpdateHandler updates;
    private final LookedUpOrders lookedUp;
    private final PositionConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    public IntentSweeper(Pool pool, PositionRepository positions, VenueDispatcher venues, OrderUpdateHandler updates,
            LookedUpOrders lookedUp, PositionConfig config, MeterRegistry registry, Clock clock) {
        this.lookedUp = lookedUp;
        this.clock = clock;
        this.pool = pool;
        this.positions = positions;
        this.venues = venues;
        this.updates = updates;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${positrack.position.intents.sweep-interval:5s}", delayed = "${positrack.position.intents.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return resolveStuckIntents().replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("Intent sweep failed (%s); the next sweep retries", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Resolves every awaited order of every stuck position; the number of positions looked at. */
    public Uni<Integer> resolveStuckIntents() {
        return positions.awaitingVenue(pool, config.intents().resendAfter().toMillis(), BATCH)
                .flatMap(stuck -> Multi.createFrom().iterable(stuck)
                        .onItem().transformToUniAndConcatenate(this::resolve)
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<Void> resolve(PositionSnapshot p) {
        return positions.protectionAttempt(pool, p.id()).flatMap(attempt -> resolve(p, awaitedBy(p, attempt.orElse(null))));
    }

    private Uni<Void> resolve(PositionSnapshot p, List<Awaited> awaitedOrders) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Awaited awaited : awaitedOrders) {
            // Resolving one order may move the position on (a stop-loss lookup that finds it filled closes it); the
            // next order is resolved only if the row is still the version these orders were derived from, so a
            // protective order is never re-sent for a position that has just closed.
            chain = chain.flatMap(ignored -> positions.findById(pool, p.id()))
                    .flatMap(now -> now.isPresent() && now.get().version() == p.version() ? resolve(p, awaited) : moved());
        }
        return chain;
    }

    private Uni<Void> moved() {
        count("position_moved_on");
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> resolve(PositionSnapshot p, Awaited awaited) {
        OrderRequest order = awaited.order();
        String id = order.clientOrderId().toString();
        return venues.lookup(order.venue(), order.account(), order.symbol(), id)
                .flatMap(found -> {
                    if (found.isPresent()) {
                        count("looked_up");
                        OrderUpdate state = found.get();
                        Uni<Void> applied = lookedUp.apply(state, order.clientOrderId());
                        return state.status().isFinal() ? applied : applied.call(() -> venues.dispatch(awaited.ifWorking()));
                    }
                    if (!awaited.sendIfUnknown()) {
                        // A cancel was requested and the order never reached the venue: it is cancelled by
                        // never being sent. Recorded through the same path as a venue's CANCELED.
                        count("never_sent");
                        return updates.apply(neverSent(order, clock.now()), order.clientOrderId());
                    }
                    Log.infof("Position #%d (%s): order %s is unknown to the venue; sending it now", p.id(), p.status(), id);
                    count("resent");
                    List<VenueAction> actions = new ArrayList<>(awaited.before());
                    actions.add(new VenueAction.Place(order));
                    return venues.dispatch(actions);
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("Position #%d: lookup of %s failed (%s); its outcome stays unknown until the next sweep",
                            p.id(), id, e.toString());
                    count("unknown");
                    return Uni.createFrom().voidItem();
                });
    }

    private void count(String outcome) {
        registry.counter("positrack.intents.swept", "outcome", outcome).increment();
    }

    /**
     * An order the position's state waits on; what must happen on the venue before it is (re)sent; what to
     * tell the venue if it is still working; and whether to send it when the venue does not know it.
     */
    record Awaited(OrderRequest order, List<VenueAction> before, List<VenueAction> ifWorking, boolean sendIfUnknown) {

        Awaited(OrderRequest order, List<VenueAction> before) {
            this(order, before, List.of(), true);
        }
    }

    private static OrderUpdate neverSent(OrderRequest order, java.time.Instant now) {
        return order.endedUnfilled(OrderStatus.CANCELED, "never sent; cancel requested", now, now);
    }

    /**
     * The orders the position's current state is waiting on, with the ids of the original intent. Protection carries
     * the attempt of the transition that decided it, not the row's version: a partial stop fill heard before the
     * stop's NEW moves the version on, and rebuilding ids from it would place a second set beside the first.
     */
    static List<Awaited> awaitedBy(PositionSnapshot p, Integer protectionAttempt) {
        List<Awaited> awaited = new ArrayList<>();
        switch (p.status()) {
            case PENDING_ENTRY, ENTRY_PLACED -> OrderIntents.entry(p).ifPresent(o -> awaited.add(EntryCancellation.requested(p)
                    ? new Awaited(o, List.of(), List.of(new VenueAction.Cancel(p.venue(), p.account(), p.symbol(), p.entryOrderId())), false)
                    : new Awaited(o, List.of())));
            case PENDING_SL -> WantedOrders.protection(p, protectionAttempt).forEach(o -> awaited.add(new Awaited(o, List.of())));
            case CLOSING -> OrderIntents.exit(p).ifPresent(o -> awaited.add(new Awaited(o, ProtectiveOrders.cancelAll(p))));
            default -> {
                // Nothing is awaited in other states.
            }
        }
        return awaited;
    }
}
