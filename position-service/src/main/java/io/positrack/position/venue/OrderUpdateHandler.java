package io.positrack.position.venue;

import java.math.BigDecimal;
import java.time.Instant;
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
import io.positrack.position.charges.Charges;
import io.positrack.position.charges.SettlementAssets;
import io.positrack.position.command.EntryCancellation;
import io.positrack.position.command.Inbox;
import io.positrack.position.command.ProtectiveOrders;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.Lifecycle;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.PositionRows;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.reconciliation.ExitSizing;
import io.positrack.position.reconciliation.HoldingCheck;
import io.positrack.position.reconciliation.ReconciledClose;
import io.positrack.position.reconciliation.VenueWatermarks;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Applies what the venue reports about Positrack's orders: entry accepted, partly or wholly filled,
 * refused; protection in place; stop, take profit or exit filled, partly filled or ended unfilled.
 *
 * <p>Each update is applied once (inbox keyed by order, status and trade id; a trade id is recorded once
 * in the {@link VenueOrderLedger}) and only where the lifecycle allows it. Fills count by the cumulative
 * quantity of their order, as the difference to what earlier updates of that order accounted for, so a
 * partial fill that arrives late, twice, or after the final fill adds nothing. An update that no longer
 * fits (a late "accepted" after the fill) is counted and ignored.
 *
 * <p>Each new trade's commission is booked on its position ({@link Charges}) in the same transition; a trade that
 * moves no quantity (a partial fill arriving after the final one) still books its commission, as
 * {@code PositionChargesRecorded}. A replayed trade (same trade id) is never charged again.
 */
@ApplicationScoped
public class OrderUpdateHandler {

    static final String INBOX_SOURCE = "venue-events";
    private static final String APPLIED = "applied";

    private final Pool pool;
    private final Inbox inbox;
    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final VenueDispatcher venues;
    private final Clock clock;
    private final VenueWatermarks watermarks;
    private final VenueOrderLedger ledger;
    private final ExitSizing exitSizing;
    private final int maxExitAttempts;
    private final MeterRegistry registry;
    private final SettlementAssets settlement;

    public OrderUpdateHandler(Pool pool, Inbox inbox, PositionRepository positions, TransitionWriter transitions,
            VenueDispatcher venues, Clock clock, MeterRegistry registry, VenueWatermarks watermarks, VenueOrderLedger ledger,
            ExitSizing exitSizing, PositionConfig config, SettlementAssets settlement) {
        this.settlement = settlement;
        this.pool = pool;
        this.inbox = inbox;
        this.positions = positions;
        this.transitions = transitions;
        this.venues = venues;
        this.clock = clock;
        this.registry = registry;
        this.watermarks = watermarks;
        this.ledger = ledger;
        this.exitSizing = exitSizing;
        this.maxExitAttempts = config.intents().maxExitAttempts();
    }

    /** One transition, and possibly a second one in the same transaction decided from its result. */
    private record Decision(PositionSnapshot next, PositionEventType type, List<VenueAction> afterCommit,
            java.util.function.Function<PositionSnapshot, Decision> then) {

        Decision(PositionSnapshot next, PositionEventType type, List<VenueAction> afterCommit) {
            this(next, type, afterCommit, null);
        }
    }

    /** What one update is about, with the quantity of its order already accounted for. */
    private record Update(OrderUpdate u, ClientOrderId id, BigDecimal accountedFor) {

        BigDecimal cumulative() {
            return u.filledQuantity() == null ? BigDecimal.ZERO : u.filledQuantity();
        }

        /** What this update filled beyond what earlier updates of the order accounted for. */
        BigDecimal newlyFilled() {
            return cumulative().subtract(accountedFor).max(BigDecimal.ZERO);
        }

        /** The price of the newly filled part: this trade's own price when given, else the order's average. */
        BigDecimal newFillPrice() {
            return u.lastFilledPrice() != null && u.lastFilledPrice().signum() > 0 ? u.lastFilledPrice() : u.averagePrice();
        }

        boolean endedUnfilled() {
            OrderStatus s = u.status();
            return s == OrderStatus.CANCELED || s == OrderStatus.EXPIRED || s == OrderStatus.REJECTED;
        }
    }

    public Uni<Void> apply(OrderUpdate update, ClientOrderId orderId) {
        String messageId = update.clientOrderId() + ":" + update.status() + ":" + (update.tradeId() == null ? "" : update.tradeId());
        // The message id names the order, which belongs to one account: no account, no content compared.
        return pool.withTransaction(tx -> inbox.claim(tx, INBOX_SOURCE, Inbox.UNSCOPED, messageId, null)
                .flatMap(claim -> claim != Inbox.Claim.FIRST
                ? none()
                : ledger.record(tx, update).flatMap(recorded -> recorded.duplicateTrade()
                        // Its row is written settled: only counted here.
                        ? counted(VenueOrderLedger.DUPLICATE_TRADE)
                        : positions.findByIdForUpdate(tx, orderId.positionId())
                                .flatMap(found -> found.isEmpty()
                                        ? settle(tx, recorded.seq(), "unknown_position", List.of())
                                        : !sameKey(found.get(), update)
                                                ? settle(tx, recorded.seq(), "foreign_position", List.of())
                                                // The watermark moves only for a known position, under its own key.
                                                : advanceWatermark(tx, found.get(), update).flatMap(ignored -> accountedFor(tx, update, orderId))
                                                        .flatMap(before -> apply(tx, found.get(), new Update(update, orderId, before),
                                                                recorded.seq()))))))
                .flatMap(venues::dispatch);
    }

    private Uni<List<VenueAction>> apply(SqlClient tx, PositionSnapshot before, Update up, long seq) {
        // The fill's commission is booked whatever the fill does to the quantity: a partial fill that arrives after
        // the final one moves nothing, but its trade was charged. Its trade id is new here (the ledger said so).
        PositionSnapshot p = Charges.commission(before, up.u().commission(), up.u().commissionAsset(), settlement.of(before.symbol()));
        if (isProtection(up) && up.u().status() == OrderStatus.REJECTED
                && (p.status() == PositionStatus.PENDING_SL || p.status() == PositionStatus.ACTIVE)) {
            return protectionStillWanted(tx, p, up.id()).flatMap(wanted -> wanted
                    ? protectionRefused(tx, p, up).flatMap(actions -> settle(tx, seq, APPLIED, actions))
                    : settle(tx, seq, "not_applicable", List.of()));
        }
        Decision d = up.id().role() == OrderRole.ENTRY ? decideEntry(p, up) : decideExitSide(p, up);
        boolean retryExit = isCurrentExit(p, up) && up.endedUnfilled();
        if (d == null && !retryExit) {
            if (Charges.changed(before, p)) {
                count("commission_only");
                return transitions.transition(tx, p, PositionChange.of(p).next(clock.now()), PositionEventType.PositionChargesRecorded,
                        cause(up.u())).flatMap(written -> settle(tx, seq, APPLIED, List.of()));
            }
            return settle(tx, seq, "not_applicable", List.of());
        }
        Uni<Written> written = d == null ? Uni.createFrom().item(new Written(p, List.of())) : write(tx, p, d, up.u());
        return written.flatMap(w -> !retryExit ? Uni.createFrom().item(w.actions())
                : nextExitAttempt(tx, w.position(), up.u()).map(more -> concat(w.actions(), more)))
                .flatMap(actions -> settle(tx, seq, APPLIED, actions));
    }

    /** Entries count by the row's own filled quantity; only exit-side orders need the ledger's account of their fills. */
    private Uni<BigDecimal> accountedFor(SqlClient tx, OrderUpdate u, ClientOrderId id) {
        return id.role() == OrderRole.ENTRY ? Uni.createFrom().item(BigDecimal.ZERO) : ledger.accountedFor(tx, u.venue(), u.clientOrderId());
    }

    /** Records the outcome on the ledger row and counts it; passes the actions through. */
    private Uni<List<VenueAction>> settle(SqlClient tx, long seq, String outcome, List<VenueAction> actions) {
        count(outcome);
        return ledger.outcome(tx, seq, outcome).replaceWith(actions);
    }

    private Uni<List<VenueAction>> counted(String outcome) {
        count(outcome);
        return none();
    }

    private static Uni<List<VenueAction>> none() {
        return Uni.createFrom().item(List.of());
    }

    /** A fill changed the venue position: reports older than it are stale from now on. */
    private Uni<Void> advanceWatermark(SqlClient tx, PositionSnapshot p, OrderUpdate u) {
        Instant venueTime = u.transactionTime() != null ? u.transactionTime() : u.eventTime();
        if (!u.isFill() || venueTime == null) {
            return Uni.createFrom().voidItem();
        }
        return watermarks.advance(tx, p.account(), p.venue(), p.symbol(), venueTime);
    }

    /** An update naming our position id under another account, venue or symbol is not about that position. */
    private static boolean sameKey(PositionSnapshot p, OrderUpdate u) {
        return p.account().equals(u.account()) && p.venue().equals(u.venue()) && p.symbol().equals(u.symbol());
    }

    private record Written(PositionSnapshot position, List<VenueAction> actions) {
    }

    private Uni<Written> write(SqlClient tx, PositionSnapshot before, Decision d, OrderUpdate update) {
        return transitions.transition(tx, before, d.next(), d.type(), cause(update)).flatMap(written -> {
            count(d.type().name());
            if (d.then() == null) {
                return Uni.createFrom().item(new Written(written, d.afterCommit()));
            }
            return write(tx, written, d.then().apply(written), update)
                    .map(more -> new Written(more.position(), concat(d.afterCommit(), more.actions())));
        });
    }

    private Decision decideEntry(PositionSnapshot p, Update up) {
        Instant now = clock.now();
        OrderUpdate u = up.u();
        BigDecimal filledSoFar = filled(p);
        switch (u.status()) {
            case NEW:
                return allowed(p, PositionEventType.PositionEntryPlaced)
                        ? new Decision(PositionChange.of(p).status(PositionStatus.ENTRY_PLACED).next(now), PositionEventType.PositionEntryPlaced,
                                List.of())
                        : null;
            case PARTIALLY_FILLED:
                // The entry is still working; what has filled is already held on the venue.
                return up.cumulative().compareTo(filledSoFar) > 0 && allowed(p, PositionEventType.PositionEntryPartiallyFilled)
                        ? new Decision(PositionChange.of(p).status(PositionStatus.ENTRY_PLACED)
                                .filled(up.cumulative(), up.cumulative(), u.averagePrice()).next(now),
                                PositionEventType.PositionEntryPartiallyFilled, List.of())
                        : null;
            case FILLED:
                return allowed(p, PositionEventType.PositionEntryFilled) ? entryFilled(p, up.cumulative(), u.averagePrice(), now) : null;
            default:
                if (!allowed(p, PositionEventType.PositionRolledBack)) {
                    return null;
                }
                // Cancelled, expired or refused. Whatever filled before that is a position on the venue, never
                // forgotten: it is recorded as filled for that much (then protected, or exited if a close asked
                // for the cancel). Nothing filled: the entry rolls back.
                if (up.cumulative().compareTo(filledSoFar) > 0) {
                    return entryFilled(p, up.cumulative(), u.averagePrice(), now);
                }
                if (filledSoFar.signum() > 0) {
                    return entryFilled(p, filledSoFar, p.entryPrice(), now);
                }
                String reason = EntryCancellation.requested(p) ? p.closeReason() : "ENTRY_" + u.status();
                return new Decision(PositionChange.of(p).status(PositionStatus.ROLLED_BACK).closed(null, null, reason, now).next(now),
                        PositionEventType.PositionRolledBack, List.of());
        }
    }

    private Decision entryFilled(PositionSnapshot p, BigDecimal filled, BigDecimal price, Instant now) {
        PositionChange change = PositionChange.of(p).filled(filled, filled, price);
        if (EntryCancellation.requested(p)) {
            // The fill won the race against our cancel: the position exists on the venue, so it is recorded as
            // filled and closed at once.
            String reason = p.closeReason();
            return new Decision(change.status(PositionStatus.PENDING_SL).next(now), PositionEventType.PositionEntryFilled, List.of(),
                    filledPosition -> exit(filledPosition, reason, now));
        }
        if (p.stopLoss() == null && p.takeProfit() == null) {
            return new Decision(change.status(PositionStatus.ACTIVE).next(now), PositionEventType.PositionActivated, List.of());
        }
        PositionSnapshot next = change.status(PositionStatus.PENDING_SL).next(now);
        return new Decision(next, PositionEventType.PositionEntryFilled, ProtectiveOrders.place(next));
    }

    /** Stop loss, take profit or exit: protection in place, the position partly or wholly exited. */
    private Decision decideExitSide(PositionSnapshot p, Update up) {
        Instant now = clock.now();
        OrderUpdate u = up.u();
        OrderRole role = up.id().role();
        if (u.status() == OrderStatus.NEW) {
            return role != OrderRole.EXIT && p.status() == PositionStatus.PENDING_SL
                    ? new Decision(PositionChange.of(p).status(PositionStatus.ACTIVE).next(now), PositionEventType.PositionActivated,
                            List.of())
                    : null;
        }
        BigDecimal newly = up.newlyFilled();
        boolean whollyExited = u.status() == OrderStatus.FILLED || (newly.signum() > 0 && newly.compareTo(p.remainingQuantity()) >= 0);
        if (whollyExited && allowed(p, PositionEventType.PositionClosed)) {
            String reason = switch (role) {
                case STOP_LOSS -> "STOP_LOSS";
                case TAKE_PROFIT -> "TAKE_PROFIT";
                default -> p.closeReason() != null ? p.closeReason() : "COMMAND";
            };
            BigDecimal pnl = plus(p.realizedPnl(), pnl(p, up.newFillPrice(), newly));
            PositionSnapshot next = PositionChange.of(p).status(PositionStatus.CLOSED).closed(u.averagePrice(), pnl, reason, now)
                    .next(now);
            return new Decision(next, PositionEventType.PositionClosed, new ArrayList<>(ProtectiveOrders.cancelAll(next)));
        }
        if (newly.signum() > 0 && allowed(p, PositionEventType.PositionAdjusted)) {
            // Part of the position left the venue (a partial exit or stop fill): the open quantity follows.
            PositionSnapshot next = PositionChange.of(p).remaining(p.remainingQuantity().subtract(newly))
                    .realizedPnl(plus(p.realizedPnl(), pnl(p, up.newFillPrice(), newly))).next(now);
            return new Decision(next, PositionEventType.PositionAdjusted, List.of());
        }
        return null;
    }

    private static boolean isProtection(Update up) {
        return up.id().role() == OrderRole.STOP_LOSS || up.id().role() == OrderRole.TAKE_PROFIT;
    }

    /**
     * Whether the refused protective order is the one the position still wants: its attempt is the position's
     * protection attempt, so a later stops update (a higher attempt) means it was replaced already.
     */
    private Uni<Boolean> protectionStillWanted(SqlClient tx, PositionSnapshot p, ClientOrderId id) {
        return positions.protectionAttempt(tx, p.id()).map(attempt -> attempt.isPresent() && attempt.get() == id.attempt());
    }

    /**
     * The venue refused the stop loss or take profit the position holds. A position that cannot be protected is not
     * kept: it is closed at market at once. Refused because it would trigger immediately (Binance -2021: the price is
     * already beyond the level), the close is what the order would have done and carries its reason (STOP_LOSS or
     * TAKE_PROFIT); for any other refusal the reason is PROTECTION_REFUSED. Sized like every exit ({@link ExitSizing}).
     */
    private Uni<List<VenueAction>> protectionRefused(SqlClient tx, PositionSnapshot p, Update up) {
        OrderUpdate u = up.u();
        String reason = u.reason() != null && u.reason().contains("-2021")
                ? (up.id().role() == OrderRole.STOP_LOSS ? "STOP_LOSS" : "TAKE_PROFIT")
                : "PROTECTION_REFUSED";
        Log.warnf("Position #%d (%s %s): the venue refused its %s (%s); closing it at market, reason %s", p.id(), p.account(),
                p.symbol(), u.clientOrderId(), u.reason(), reason);
        count("protection_refused");
        return exitWhatTheVenueHolds(tx, p, reason, PositionEventType.PositionClosing, cause(u), false, ProtectiveOrders::cancelAll);
    }

    /** The exit order the closing position currently waits on (not an older attempt's). */
    private static boolean isCurrentExit(PositionSnapshot p, Update up) {
        return up.id().role() == OrderRole.EXIT && up.u().clientOrderId().equals(p.exitOrderId());
    }

    /**
     * The current exit ended without closing the position (refused, expired, cancelled): the next attempt, under
     * a new client order id and sized by the freshest venue report; none at all when the venue holds nothing, the
     * position then closes as reconciled. Attempts are bounded, so a venue that keeps refusing cannot make us
     * spin; an exhausted position stays CLOSING, visible to operators (log, metric, audit).
     */
    private Uni<List<VenueAction>> nextExitAttempt(SqlClient tx, PositionSnapshot p, OrderUpdate u) {
        if (p.status() != PositionStatus.CLOSING) {
            return none();
        }
        boolean venueSaidNone = HoldingCheck.saidNone(u);
        if (p.exitAttempt() >= maxExitAttempts && !venueSaidNone) {
            count("exit_attempts_exhausted");
            Log.errorf("Position #%d (%s %s): exit %s ended %s (%s) and %d exit attempts are used up; it stays CLOSING "
                    + "until the venue is reconciled or an operator steps in", p.id(), p.account(), p.symbol(), u.clientOrderId(),
                    u.status(), u.reason(), p.exitAttempt());
            return none();
        }
        return exitWhatTheVenueHolds(tx, p, p.closeReason(), PositionEventType.PositionExitRetried, cause(u), venueSaidNone, retried -> {
            count("exit_retried");
            Log.infof("Position #%d: exit %s ended %s (%s); trying again as %s", p.id(), u.clientOrderId(), u.status(), u.reason(),
                    retried.exitOrderId());
            return List.of();
        });
    }

    /**
     * An exit for what the venue holds of {@code p}, sized by {@link ExitSizing}: a {@code type} transition (CLOSING
     * under the next exit id), then {@code first} (decided from that CLOSING version) and the exit order. When only
     * the stored observation says the venue holds none, the exit is sent as {@link VenueAction.ExitIfHeld} (the venue
     * is asked first); when the venue has just said so itself ({@code venueSaidNone}), a reconciled close and no order.
     */
    private Uni<List<VenueAction>> exitWhatTheVenueHolds(SqlClient tx, PositionSnapshot p, String reason, PositionEventType type,
            String cause, boolean venueSaidNone, java.util.function.Function<PositionSnapshot, List<VenueAction>> first) {
        if (venueSaidNone) {
            return transitions.transition(tx, p, ReconciledClose.of(p, clock.now()), PositionEventType.PositionClosed, cause)
                    .map(written -> ReconciledClose.cancellations(p));
        }
        return exitSizing.size(tx, p).flatMap(sized -> {
            Instant now = clock.now();
            PositionSnapshot sizedPosition = sized instanceof ExitSizing.Exit exit ? exit.position() : p;
            PositionSnapshot closing = OrderIntents.closing(sizedPosition, reason, now);
            return transitions.transition(tx, sizedPosition, closing, type, cause).map(written -> {
                List<VenueAction> exitOrder = sized instanceof ExitSizing.Exit
                        ? OrderIntents.place(OrderIntents.exit(written))
                        : OrderIntents.exit(written).<List<VenueAction>>map(o -> List.of(new VenueAction.ExitIfHeld(o, written.side())))
                                .orElse(List.of());
                return concat(first.apply(written), exitOrder);
            });
        });
    }

    /** The cause of a venue-driven transition: the order and the status it reported. */
    private static String cause(OrderUpdate u) {
        return "venue:" + u.clientOrderId() + ":" + u.status();
    }

    private static Decision exit(PositionSnapshot p, String reason, Instant now) {
        PositionSnapshot closing = OrderIntents.closing(p, reason, now);
        return new Decision(closing, PositionEventType.PositionClosing, OrderIntents.place(OrderIntents.exit(closing)));
    }

    private static boolean allowed(PositionSnapshot p, PositionEventType type) {
        return Lifecycle.next(p.status(), type).isPresent();
    }

    private static BigDecimal filled(PositionSnapshot p) {
        return p.filledQuantity() == null ? BigDecimal.ZERO : p.filledQuantity();
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return PositionRows.strip(a.add(b));
    }

    private static BigDecimal pnl(PositionSnapshot p, BigDecimal exitPrice, BigDecimal quantity) {
        if (p.entryPrice() == null || exitPrice == null || quantity == null || quantity.signum() <= 0) {
            return null;
        }
        BigDecimal perUnit = exitPrice.subtract(p.entryPrice());
        return PositionRows.strip((p.side() == Side.BUY ? perUnit : perUnit.negate()).multiply(quantity));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void count(String outcome) {
        registry.counter("positrack.venue.order_updates", "outcome", outcome).increment();
    }
}
