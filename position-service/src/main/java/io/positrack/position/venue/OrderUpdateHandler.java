package io.positrack.position.venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.command.Inbox;
import io.positrack.position.command.EntryCancellation;
import io.positrack.position.command.ProtectiveOrders;
import io.positrack.position.lifecycle.Lifecycle;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Applies what the venue reports about Positrack's orders: entry accepted, filled or refused;
 * protection in place; stop, take profit or exit filled. Each update is applied once (inbox keyed by
 * order, status and trade id) and only where the lifecycle allows it; an update that no longer fits
 * (a late "accepted" after the fill) is counted and ignored.
 */
@ApplicationScoped
public class OrderUpdateHandler {

    static final String INBOX_SOURCE = "venue-events";

    private final Pool pool;
    private final Inbox inbox;
    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final VenueDispatcher venues;
    private final Clock clock;
    private final io.positrack.position.reconciliation.VenueWatermarks watermarks;
    private final MeterRegistry registry;

    public OrderUpdateHandler(Pool pool, Inbox inbox, PositionRepository positions, TransitionWriter transitions,
            VenueDispatcher venues, Clock clock, MeterRegistry registry,
            io.positrack.position.reconciliation.VenueWatermarks watermarks) {
        this.watermarks = watermarks;
        this.pool = pool;
        this.inbox = inbox;
        this.positions = positions;
        this.transitions = transitions;
        this.venues = venues;
        this.clock = clock;
        this.registry = registry;
    }

    /** One transition, and possibly a second one in the same transaction decided from its result. */
    private record Decision(PositionSnapshot next, PositionEventType type, List<VenueAction> afterCommit,
            java.util.function.Function<PositionSnapshot, Decision> then) {

        Decision(PositionSnapshot next, PositionEventType type, List<VenueAction> afterCommit) {
            this(next, type, afterCommit, null);
        }
    }

    public Uni<Void> apply(OrderUpdate update, ClientOrderId orderId) {
        String messageId = update.clientOrderId() + ":" + update.status() + ":" + (update.tradeId() == null ? "" : update.tradeId());
        return pool.withTransaction(tx -> inbox.claim(tx, INBOX_SOURCE, messageId).flatMap(first -> !first
                ? Uni.createFrom().<List<VenueAction>>item(List.of())
                : advanceWatermark(tx, update).flatMap(ignored -> positions.findByIdForUpdate(tx, orderId.positionId())).flatMap(found -> {
                    if (found.isEmpty()) {
                        count("unknown_position");
                        return Uni.createFrom().item(List.<VenueAction>of());
                    }
                    Decision d = decide(found.get(), update, orderId);
                    if (d == null) {
                        count("not_applicable");
                        return Uni.createFrom().item(List.<VenueAction>of());
                    }
                    return write(tx, found.get(), d, update);
                })))
                .flatMap(venues::dispatch);
    }

    /** A fill changed the venue position: reports older than it are stale from now on. */
    private Uni<Void> advanceWatermark(SqlClient tx, OrderUpdate u) {
        java.time.Instant venueTime = u.transactionTime() != null ? u.transactionTime() : u.eventTime();
        if (u.status() != OrderStatus.FILLED || venueTime == null) {
            return Uni.createFrom().voidItem();
        }
        return watermarks.advance(tx, u.account(), u.venue(), u.symbol(), venueTime);
    }

    private Uni<List<VenueAction>> write(SqlClient tx, PositionSnapshot before, Decision d, OrderUpdate update) {
        String cause = "venue:" + update.clientOrderId() + ":" + update.status();
        return transitions.transition(tx, before, d.next(), d.type(), cause).flatMap(written -> {
            count(d.type().name());
            if (d.then() == null) {
                return Uni.createFrom().item(d.afterCommit());
            }
            return write(tx, written, d.then().apply(written), update).map(more -> {
                List<VenueAction> all = new ArrayList<>(d.afterCommit());
                all.addAll(more);
                return all;
            });
        });
    }

    private Decision decide(PositionSnapshot p, OrderUpdate u, ClientOrderId id) {
        var now = clock.now();
        OrderRole role = id.role();
        if (role == OrderRole.ENTRY) {
            if (u.status() == OrderStatus.NEW && allowed(p, PositionEventType.PositionEntryPlaced)) {
                return new Decision(PositionChange.of(p).status(PositionStatus.ENTRY_PLACED).next(now),
                        PositionEventType.PositionEntryPlaced, List.of());
            }
            if (u.status() == OrderStatus.FILLED && allowed(p, PositionEventType.PositionEntryFilled)) {
                BigDecimal filled = u.filledQuantity();
                PositionChange change = PositionChange.of(p).filled(filled, filled, u.averagePrice());
                if (EntryCancellation.requested(p)) {
                    // The fill won the race against our cancel: the position exists on the venue, so it is
                    // recorded as filled and closed at once, never forgotten.
                    String reason = p.closeReason();
                    return new Decision(change.status(PositionStatus.PENDING_SL).next(now), PositionEventType.PositionEntryFilled,
                            List.of(), filledPosition -> exit(filledPosition, reason, now));
                }
                boolean protect = p.stopLoss() != null || p.takeProfit() != null;
                if (!protect) {
                    return new Decision(change.status(PositionStatus.ACTIVE).next(now), PositionEventType.PositionActivated, List.of());
                }
                PositionSnapshot next = change.status(PositionStatus.PENDING_SL).next(now);
                return new Decision(next, PositionEventType.PositionEntryFilled, ProtectiveOrders.place(next));
            }
            if ((u.status() == OrderStatus.REJECTED || u.status() == OrderStatus.CANCELED || u.status() == OrderStatus.EXPIRED)
                    && allowed(p, PositionEventType.PositionRolledBack)) {
                String reason = EntryCancellation.requested(p) ? p.closeReason() : "ENTRY_" + u.status();
                return new Decision(PositionChange.of(p).status(PositionStatus.ROLLED_BACK)
                        .closed(null, null, reason, now).next(now), PositionEventType.PositionRolledBack, List.of());
            }
            return null;
        }
        if ((role == OrderRole.STOP_LOSS || role == OrderRole.TAKE_PROFIT) && u.status() == OrderStatus.NEW
                && p.status() == PositionStatus.PENDING_SL) {
            return new Decision(PositionChange.of(p).status(PositionStatus.ACTIVE).next(now), PositionEventType.PositionActivated,
                    List.of());
        }
        if (u.status() == OrderStatus.FILLED && role != OrderRole.ENTRY && allowed(p, PositionEventType.PositionClosed)) {
            String reason = switch (role) {
                case STOP_LOSS -> "STOP_LOSS";
                case TAKE_PROFIT -> "TAKE_PROFIT";
                default -> p.closeReason() != null ? p.closeReason() : "COMMAND";
            };
            BigDecimal pnl = pnl(p, u.averagePrice(), u.filledQuantity());
            PositionSnapshot next = PositionChange.of(p).status(PositionStatus.CLOSED).closed(u.averagePrice(), pnl, reason, now)
                    .next(now);
            List<VenueAction> after = new ArrayList<>(ProtectiveOrders.cancelAll(next));
            return new Decision(next, PositionEventType.PositionClosed, after);
        }
        return null;
    }

    private static Decision exit(PositionSnapshot p, String reason, java.time.Instant now) {
        PositionSnapshot closing = OrderIntents.closing(p, reason, now);
        return new Decision(closing, PositionEventType.PositionClosing, OrderIntents.place(OrderIntents.exit(closing)));
    }

    private static boolean allowed(PositionSnapshot p, PositionEventType type) {
        return Lifecycle.next(p.status(), type).isPresent();
    }

    private static BigDecimal pnl(PositionSnapshot p, BigDecimal exitPrice, BigDecimal quantity) {
        if (p.entryPrice() == null || exitPrice == null || quantity == null) {
            return null;
        }
        BigDecimal perUnit = exitPrice.subtract(p.entryPrice());
        return io.positrack.position.lifecycle.PositionRows.strip((p.side() == Side.BUY ? perUnit : perUnit.negate()).multiply(quantity));
    }

    private void count(String outcome) {
        registry.counter("positrack.venue.order_updates", "outcome", outcome).increment();
    }
}
