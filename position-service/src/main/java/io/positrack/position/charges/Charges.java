package io.positrack.position.charges;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.positrack.contracts.position.AssetAmount;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRows;

/**
 * Books commissions and funding payments on a position: pure arithmetic, the same version of the snapshot with its
 * charges changed (the transition that carries them gives the version). A commission in the symbol's settlement
 * asset adds to {@code fees}; one in another asset (BNB) adds to that asset's entry of {@code otherFees} and never to
 * net PnL, since there is no price here to convert it at. Funding is signed as the venue books it (received positive).
 */
public final class Charges {

    private Charges() {
    }

    /**
     * {@code p} with one fill's commission booked; {@code p} itself when there is none.
     *
     * @param settlement the symbol's settlement asset, or null when not known (the commission then counts as fees)
     */
    public static PositionSnapshot commission(PositionSnapshot p, BigDecimal amount, String asset, String settlement) {
        if (amount == null || amount.signum() == 0) {
            return p;
        }
        if (asset == null || settlement == null || asset.equals(settlement)) {
            return PositionChange.of(p).charges(plus(p.fees(), amount), p.funding(), p.otherFees()).sameVersion();
        }
        return PositionChange.of(p).charges(p.fees(), p.funding(), withOther(p.otherFees(), asset, amount)).sameVersion();
    }

    /** {@code p} with a funding payment booked (positive received, negative paid). */
    public static PositionSnapshot funding(PositionSnapshot p, BigDecimal amount) {
        if (amount == null || amount.signum() == 0) {
            return p;
        }
        return PositionChange.of(p).charges(p.fees(), plus(p.funding(), amount), p.otherFees()).sameVersion();
    }

    /** Whether booking changed anything: the transition is then worth writing. */
    public static boolean changed(PositionSnapshot before, PositionSnapshot after) {
        return before != after;
    }

    private static List<AssetAmount> withOther(List<AssetAmount> others, String asset, BigDecimal amount) {
        List<AssetAmount> next = new ArrayList<>();
        boolean found = false;
        for (AssetAmount a : others == null ? List.<AssetAmount>of() : others) {
            if (a.asset().equals(asset)) {
                next.add(new AssetAmount(asset, plus(a.amount(), amount)));
                found = true;
            } else {
                next.add(a);
            }
        }
        if (!found) {
            next.add(new AssetAmount(asset, PositionRows.strip(amount)));
        }
        next.sort(Comparator.comparing(AssetAmount::asset));
        return next;
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return PositionRows.strip(a == null ? b : a.add(b));
    }
}
