package io.positrack.signal.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;

/**
 * The life of one position as position-service would publish it on {@code position-events}: each step
 * is the next version with the full snapshot. For tests of the session read model without position-service.
 */
public final class PositionStory {

    private static final AtomicLong IDS = new AtomicLong(1_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));

    private final List<PositionEvent> told = new ArrayList<>();
    private PositionSnapshot p;

    private PositionStory(PositionSnapshot first) {
        this.p = first;
    }

    /** A position id no other test uses. */
    public static long newPositionId() {
        return IDS.incrementAndGet();
    }

    /** A position for a signal, quantity 2, stop loss 95 and take profit 110 for a BUY (mirrored for a SELL). */
    public static PositionStory of(long id, String account, String symbol, Side side, String signalId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BigDecimal sl = new BigDecimal(side == Side.BUY ? "95" : "105");
        BigDecimal tp = new BigDecimal(side == Side.BUY ? "110" : "90");
        return new PositionStory(new PositionSnapshot(id, account, "paper", symbol, side, PositionStatus.PENDING_ENTRY,
                new BigDecimal("2"), BigDecimal.ZERO, BigDecimal.ZERO, null, null, sl, tp, null, null,
                signalId == null ? Origin.COMMAND : Origin.SIGNAL, signalId, "pt-" + id + "-e-1", null, 0, 0, now, now, null));
    }

    public long id() {
        return p.id();
    }

    /** Version 1, opened at {@code openedAt}. */
    public PositionEvent opened(Instant openedAt) {
        p = with(PositionStatus.PENDING_ENTRY, p.filledQuantity(), p.entryPrice(), null, null, null, openedAt, openedAt, null);
        return tell(PositionEventType.PositionOpened);
    }

    public PositionEvent opened() {
        return opened(p.openedAt());
    }

    public PositionEvent entryPlaced() {
        p = with(PositionStatus.ENTRY_PLACED, p.filledQuantity(), p.entryPrice(), null, null, null, p.openedAt(), now(), null);
        return tell(PositionEventType.PositionEntryPlaced);
    }

    public PositionEvent entryFilled(String price) {
        p = with(PositionStatus.PENDING_SL, p.quantity(), new BigDecimal(price), null, null, null, p.openedAt(), now(), null);
        return tell(PositionEventType.PositionEntryFilled);
    }

    public PositionEvent activated() {
        p = with(PositionStatus.ACTIVE, p.filledQuantity(), p.entryPrice(), null, null, null, p.openedAt(), now(), null);
        return tell(PositionEventType.PositionActivated);
    }

    public PositionEvent closed(String exitPrice, String reason, String pnl) {
        Instant now = now();
        p = with(PositionStatus.CLOSED, p.filledQuantity(), p.entryPrice(), new BigDecimal(exitPrice), reason, new BigDecimal(pnl),
                p.openedAt(), now, now);
        return tell(PositionEventType.PositionClosed);
    }

    /** Closed after the venue charged {@code fees} in commissions: its net PnL is {@code pnl - fees}. */
    public PositionEvent closedPayingFees(String exitPrice, String reason, String pnl, String fees) {
        Instant now = now();
        PositionSnapshot c = with(PositionStatus.CLOSED, p.filledQuantity(), p.entryPrice(), new BigDecimal(exitPrice), reason,
                new BigDecimal(pnl), p.openedAt(), now, now);
        p = new PositionSnapshot(c.id(), c.account(), c.venue(), c.symbol(), c.side(), c.status(), c.quantity(), c.filledQuantity(),
                c.remainingQuantity(), c.entryPrice(), c.exitPrice(), c.stopLoss(), c.takeProfit(), c.realizedPnl(), c.closeReason(),
                c.origin(), c.signalId(), c.entryOrderId(), c.exitOrderId(), c.exitAttempt(), c.version(), c.openedAt(), c.updatedAt(),
                c.closedAt(), new BigDecimal(fees), null, null, null, null);
        return tell(PositionEventType.PositionClosed);
    }

    public PositionEvent rolledBack(String reason) {
        Instant now = now();
        p = with(PositionStatus.ROLLED_BACK, p.filledQuantity(), p.entryPrice(), null, reason, null, p.openedAt(), now, now);
        return tell(PositionEventType.PositionRolledBack);
    }

    /** Everything told so far, in version order. */
    public List<PositionEvent> told() {
        return List.copyOf(told);
    }

    private PositionEvent tell(PositionEventType type) {
        PositionEvent e = new PositionEvent(PositionEvent.eventId(p.id(), p.version()), type, p.id(), p.version(), "test", p.updatedAt(), p);
        told.add(e);
        return e;
    }

    private PositionSnapshot with(PositionStatus status, BigDecimal filled, BigDecimal entryPrice, BigDecimal exitPrice,
            String closeReason, BigDecimal pnl, Instant openedAt, Instant updatedAt, Instant closedAt) {
        BigDecimal remaining = status.isOpen() ? filled : BigDecimal.ZERO;
        return new PositionSnapshot(p.id(), p.account(), p.venue(), p.symbol(), p.side(), status, p.quantity(), filled, remaining,
                entryPrice, exitPrice, p.stopLoss(), p.takeProfit(), pnl, closeReason, p.origin(), p.signalId(), p.entryOrderId(),
                null, 0, p.version() + 1, openedAt, updatedAt, closedAt);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
