package io.positrack.position.venue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends committed decisions to the venue. A failure here loses nothing: the order intent (with its
 * client order id) is already in the database, and the venue's answer or a later lookup settles it.
 */
@ApplicationScoped
public class VenueDispatcher {

    /** Where a venue's synchronous refusal goes: {@code venue-events}, as the REJECTED update the venue's stream never sends. */
    public static final String REFUSALS = "venue-refusals";

    private final Map<String, ExecutionVenue> venues;
    private final MutinyEmitter<OrderUpdate> refusals;
    private final Clock clock;
    private final UnconfirmedCancels cancels;
    private final io.positrack.position.reconciliation.HoldingCheck holdings;
    private final io.micrometer.core.instrument.Counter entriesHeld;

    public VenueDispatcher(Instance<ExecutionVenue> venues, @Channel(REFUSALS) MutinyEmitter<OrderUpdate> refusals, Clock clock,
            UnconfirmedCancels cancels, io.positrack.position.reconciliation.HoldingCheck holdings,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.holdings = holdings;
        this.venues = venues.stream().collect(Collectors.toMap(ExecutionVenue::name, Function.identity()));
        this.refusals = refusals;
        this.clock = clock;
        this.cancels = cancels;
        this.entriesHeld = registry.counter("positrack.venue.entries_held");
    }

    public boolean knows(String venue) {
        return venues.containsKey(venue);
    }

    /** The venue's state of one order; fails when the venue is unknown or the query fails ("unknown"). */
    public Uni<java.util.Optional<io.positrack.contracts.venue.OrderUpdate>> lookup(String venue, String account, String symbol,
            String clientOrderId) {
        ExecutionVenue v = venues.get(venue);
        if (v == null) {
            return Uni.createFrom().failure(new IllegalStateException("no execution venue named " + venue));
        }
        return v.lookup(account, symbol, clientOrderId);
    }

    public ExecutionVenue venue(String name) {
        return venues.get(name);
    }

    public java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(venues.keySet());
    }

    public Uni<Void> dispatch(List<VenueAction> actions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (VenueAction action : actions) {
            chain = chain.flatMap(ignored -> run(action));
        }
        return chain;
    }

    /**
     * A venue that refuses an order in its answer (Binance: HTTP 400 with -2022) reports nothing on its
     * stream, yet the position must learn of it (an entry rolls back, an exit tries again). The refusal
     * is published as a REJECTED order update on {@code venue-events}, keyed by symbol, and applied
     * like any other: after a crash it is still there, and a repeat is deduplicated.
     */
    private Uni<Void> refused(OrderRequest order, String reason) {
        Log.warnf("Order %s refused by %s: %s", order.clientOrderId(), order.venue(), reason);
        java.time.Instant now = clock.now();
        OrderUpdate update = order.endedUnfilled(OrderStatus.REJECTED, reason, now, null);
        return refusals.sendMessage(Message.of(update)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(order.symbol()).build()));
    }

    private Uni<Void> run(VenueAction action) {
        ExecutionVenue venue = venues.get(action.venue());
        if (venue == null) {
            Log.warnf("No execution venue named %s; %s stays as an intent", action.venue(), action);
            return Uni.createFrom().voidItem();
        }
        // Java 17: no pattern matching in switch yet, hence instanceof.
        Uni<Void> call;
        if (action instanceof VenueAction.Place place) {
            call = place.order().clientOrderId().role() == io.positrack.contracts.venue.OrderRole.ENTRY
                    ? placeEntry(venue, place.order())
                    : place(venue, place.order());
        } else if (action instanceof VenueAction.ExitIfHeld exit) {
            call = exitIfHeld(venue, exit);
        } else {
            call = recordedCancel(venue, action);
        }
        return call.onFailure().recoverWithUni(e -> {
            Log.warnf("Venue call %s failed (%s); the intent stays recorded", action, e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> place(ExecutionVenue venue, OrderRequest order) {
        return venue.place(order).flatMap(result -> {
            if (result instanceof Placement.Rejected rejected) {
                return refused(order, rejected.reason());
            }
            if (!(result instanceof Placement.Accepted) && !(result instanceof Placement.AlreadyPlaced)) {
                Log.warnf("Order %s: %s", order.clientOrderId(), result);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * An entry goes out only when no cancel on its key is unconfirmed: a stop loss of the previous position that is
     * still working would otherwise fire against the new one. Unconfirmed cancels are sent again first; if one still
     * fails, the entry is held (its intent is committed: the sweeper sends it again later, through this same gate).
     */
    private Uni<Void> placeEntry(ExecutionVenue venue, OrderRequest order) {
        return cancels.on(order.venue(), order.account(), order.symbol())
                .flatMap(pending -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(p -> cancelAgain(venue, p))
                        .collect().asList())
                .flatMap(outcomes -> {
                    if (outcomes.contains(Boolean.FALSE)) {
                        entriesHeld.increment();
                        Log.warnf("Entry %s on %s held: a cancel on that symbol is not confirmed by %s yet", order.clientOrderId(),
                                order.symbol(), order.venue());
                        return Uni.createFrom().voidItem();
                    }
                    return place(venue, order);
                });
    }

    /**
     * The re-check of a close that a stored "flat" would have closed without an order. Only a fresh, complete answer
     * that knows the last fill may say "none"; anything else sends the exit, which is reduce-only and so can at worst
     * be refused by the venue.
     */
    private Uni<Void> exitIfHeld(ExecutionVenue venue, VenueAction.ExitIfHeld exit) {
        OrderRequest order = exit.order();
        return holdings.of(venue, order.account(), order.symbol(), exit.positionSide()).flatMap(holding -> {
            if (holding == io.positrack.position.reconciliation.HoldingCheck.Holding.NONE) {
                return refused(order, io.positrack.position.reconciliation.HoldingCheck.SAID_NONE);
            }
            return place(venue, order);
        });
    }

    /** Sends an unconfirmed cancel again; true once the venue confirmed it. */
    public Uni<Boolean> cancelAgain(ExecutionVenue venue, UnconfirmedCancels.Pending pending) {
        return cancelCall(venue, pending.action()).flatMap(ok -> cancels.confirmed(pending.id())).replaceWith(Boolean.TRUE)
                .onFailure().recoverWithUni(e -> cancels.failed(pending.id(), e).onFailure().recoverWithNull().replaceWith(Boolean.FALSE));
    }

    /** A cancel, recorded before it is sent and forgotten once the venue answered it; kept when it fails. */
    private Uni<Void> recordedCancel(ExecutionVenue venue, VenueAction cancel) {
        return cancels.record(cancel)
                .onFailure().recoverWithUni(e -> {
                    // Better an unrecorded cancel than none: reconciliation still finds the order if it stays working.
                    Log.warnf("Could not record the cancel %s (%s); sending it anyway", cancel, e.toString());
                    return Uni.createFrom().nullItem();
                })
                .flatMap(id -> cancelCall(venue, cancel)
                        .flatMap(ok -> id == null ? Uni.createFrom().voidItem() : cancels.confirmed(id))
                        .onFailure().call(e -> id == null ? Uni.createFrom().voidItem()
                                : cancels.failed(id, e).onFailure().recoverWithNull()));
    }

    private static Uni<Void> cancelCall(ExecutionVenue venue, VenueAction action) {
        if (action instanceof VenueAction.Cancel cancel) {
            return venue.cancel(cancel.account(), cancel.symbol(), cancel.clientOrderId());
        }
        VenueAction.CancelProtection cancel = (VenueAction.CancelProtection) action;
        return venue.cancelProtection(cancel.account(), cancel.symbol(), cancel.positionId(), cancel.keepAttempt());
    }
}
