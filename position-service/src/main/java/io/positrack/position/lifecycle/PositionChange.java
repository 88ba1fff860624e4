package io.positrack.position.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;

/**
 * Builds the next version of a position from the current one: only the fields a transition touches
 * are named, the version goes up by one and the update time is set.
 */
public final class PositionChange {

    private final PositionSnapshot base;
    private PositionStatus status;
    private BigDecimal quantity;
    private BigDecimal filledQuantity;
    private BigDecimal remainingQuantity;
    private BigDecimal entryPrice;
    private BigDecimal exitPrice;
    private BigDecimal stopLoss;
    private BigDecimal takeProfit;
    private BigDecimal realizedPnl;
    private String closeReason;
    private String entryOrderId;
    private String exitOrderId;
    private int exitAttempt;
    private Instant closedAt;
    private BigDecimal fees;
    private BigDecimal funding;
    private java.util.List<io.positrack.contracts.position.AssetAmount> otherFees;

    private PositionChange(PositionSnapshot p) {
        base = p;
        status = p.status();
        quantity = p.quantity();
        filledQuantity = p.filledQuantity();
        remainingQuantity = p.remainingQuantity();
        entryPrice = p.entryPrice();
        exitPrice = p.exitPrice();
        stopLoss = p.stopLoss();
        takeProfit = p.takeProfit();
        realizedPnl = p.realizedPnl();
        closeReason = p.closeReason();
        entryOrderId = p.entryOrderId();
        exitOrderId = p.exitOrderId();
        exitAttempt = p.exitAttempt();
        closedAt = p.closedAt();
        fees = p.fees();
        funding = p.funding();
        otherFees = p.otherFees();
    }

    public static PositionChange of(PositionSnapshot current) {
        return new PositionChange(current);
    }

    public PositionChange status(PositionStatus value) {
        status = value;
        return this;
    }

    public PositionChange quantity(BigDecimal value) {
        quantity = value;
        return this;
    }

    public PositionChange filled(BigDecimal filled, BigDecimal remaining, BigDecimal averageEntryPrice) {
        filledQuantity = filled;
        remainingQuantity = remaining;
        entryPrice = averageEntryPrice;
        return this;
    }

    public PositionChange remaining(BigDecimal value) {
        remainingQuantity = value;
        return this;
    }

    public PositionChange realizedPnl(BigDecimal value) {
        realizedPnl = value;
        return this;
    }

    public PositionChange stops(BigDecimal newStopLoss, BigDecimal newTakeProfit) {
        stopLoss = newStopLoss;
        takeProfit = newTakeProfit;
        return this;
    }

    public PositionChange exitOrder(String orderId, int attempt, String reason) {
        exitOrderId = orderId;
        exitAttempt = attempt;
        closeReason = reason;
        return this;
    }

    /** Records why the position is to end while its entry order is being cancelled. */
    public PositionChange cancelRequested(String reason) {
        closeReason = reason;
        return this;
    }

    public PositionChange closed(BigDecimal price, BigDecimal pnl, String reason, Instant at) {
        exitPrice = price;
        realizedPnl = pnl;
        closeReason = reason;
        closedAt = at;
        remainingQuantity = BigDecimal.ZERO;
        return this;
    }

    /** Fees, funding and commissions in other assets, as {@code Charges} booked them. */
    public PositionChange charges(BigDecimal newFees, BigDecimal newFunding, java.util.List<io.positrack.contracts.position.AssetAmount> newOtherFees) {
        fees = newFees;
        funding = newFunding;
        otherFees = newOtherFees;
        return this;
    }

    public PositionChange entryOrderId(String value) {
        entryOrderId = value;
        return this;
    }

    /** The next version, stamped {@code now}. */
    public PositionSnapshot next(Instant now) {
        return new PositionSnapshot(base.id(), base.account(), base.venue(), base.symbol(), base.side(), status, quantity,
                filledQuantity, remainingQuantity, entryPrice, exitPrice, stopLoss, takeProfit, realizedPnl, closeReason,
                base.origin(), base.signalId(), entryOrderId, exitOrderId, exitAttempt, base.version() + 1, base.openedAt(), now,
                closedAt, fees, funding, otherFees, null, null);
    }

    /** The same version with fields a creating transaction fills in after the insert (no new version). */
    public PositionSnapshot sameVersion() {
        return new PositionSnapshot(base.id(), base.account(), base.venue(), base.symbol(), base.side(), status, quantity,
                filledQuantity, remainingQuantity, entryPrice, exitPrice, stopLoss, takeProfit, realizedPnl, closeReason,
                base.origin(), base.signalId(), entryOrderId, exitOrderId, exitAttempt, base.version(), base.openedAt(),
                base.updatedAt(), closedAt, fees, funding, otherFees, null, null);
    }
}
