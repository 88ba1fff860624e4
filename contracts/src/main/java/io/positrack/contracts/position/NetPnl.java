package io.positrack.contracts.position;

import java.math.BigDecimal;

/**
 * The one rule for net realized PnL: the price result, less the fees, plus the funding (received positive, paid
 * negative). A missing part counts as zero; all three missing is "no PnL yet" (null).
 */
public final class NetPnl {

    private NetPnl() {
    }

    public static BigDecimal of(BigDecimal gross, BigDecimal fees, BigDecimal funding) {
        if (gross == null && fees == null && funding == null) {
            return null;
        }
        BigDecimal net = orZero(gross).subtract(orZero(fees)).add(orZero(funding)).stripTrailingZeros();
        return net.scale() < 0 ? net.setScale(0) : net;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
