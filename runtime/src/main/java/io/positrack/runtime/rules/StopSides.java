package io.positrack.runtime.rules;

import java.math.BigDecimal;
import java.util.Optional;

import io.positrack.contracts.position.Side;

/**
 * A BUY's stop loss is below its take profit, a SELL's above: the other way round is a typo that would lose
 * money. One rule for position-service's command check and for signal-service's alert intake, which answers
 * the sender at once instead of letting position-service refuse the command later.
 */
public final class StopSides {

    private StopSides() {
    }

    /** Why these stops are on the wrong sides, or empty; nothing to check while either is missing. */
    public static Optional<String> problem(Side side, BigDecimal stopLoss, BigDecimal takeProfit) {
        if (stopLoss == null || takeProfit == null || side == null) {
            return Optional.empty();
        }
        int cmp = stopLoss.compareTo(takeProfit);
        if (side == Side.BUY && cmp >= 0 || side == Side.SELL && cmp <= 0) {
            return Optional.of("stopLoss " + stopLoss.toPlainString() + " and takeProfit " + takeProfit.toPlainString()
                    + " are on the wrong sides for a " + side);
        }
        return Optional.empty();
    }

    /**
     * Why a stop or target is not on its side of the entry price, or empty: a stop already through the entry would
     * close the position as soon as it fills, a target through it would take a loss as profit. Nothing to check for
     * a missing value.
     */
    public static Optional<String> problemAgainst(Side side, BigDecimal price, BigDecimal stopLoss, BigDecimal takeProfit) {
        Optional<String> sides = problem(side, stopLoss, takeProfit);
        if (sides.isPresent() || side == null || price == null) {
            return sides;
        }
        if (stopLoss != null && (side == Side.BUY ? stopLoss.compareTo(price) >= 0 : stopLoss.compareTo(price) <= 0)) {
            return Optional.of("stopLoss " + stopLoss.toPlainString() + " is not on the losing side of price " + price.toPlainString());
        }
        if (takeProfit != null && (side == Side.BUY ? takeProfit.compareTo(price) <= 0 : takeProfit.compareTo(price) >= 0)) {
            return Optional.of("takeProfit " + takeProfit.toPlainString() + " is not on the winning side of price " + price.toPlainString());
        }
        return Optional.empty();
    }
}
