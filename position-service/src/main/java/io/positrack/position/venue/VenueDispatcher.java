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

    public VenueDispatcher(Instance<ExecutionVenue> venues, @Channel(REFUSALS) MutinyEmitter<OrderUpdate> refusals, Clock clock) {
        this.venues = venues.stream().collect(Collectors.toMap(ExecutionVenue::name, Function.identity()));
        this.refusals = refusals;
        this.clock = clock;
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
            call = venue.place(place.order()).flatMap(result -> {
                if (result instanceof Placement.Rejected rejected) {
                    return refused(place.order(), rejected.reason());
                }
                if (!(result instanceof Placement.Accepted) && !(result instanceof Placement.AlreadyPlaced)) {
                    Log.warnf("Order %s: %s", place.order().clientOrderId(), result);
                }
                return Uni.createFrom().voidItem();
            });
        } else if (action instanceof VenueAction.Cancel cancel) {
            call = venue.cancel(cancel.account(), cancel.symbol(), cancel.clientOrderId());
        } else {
            VenueAction.CancelProtection cancel = (VenueAction.CancelProtection) action;
            call = venue.cancelProtection(cancel.account(), cancel.symbol(), cancel.positionId());
        }
        return call.onFailure().recoverWithUni(e -> {
            Log.warnf("Venue call %s failed (%s); the intent stays recorded", action, e.toString());
            return Uni.createFrom().voidItem();
        });
    }
}
