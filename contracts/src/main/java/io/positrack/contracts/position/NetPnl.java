package io.positrack.contracts.position;

import java.math.BigDecimal;

/**
 * The one rule for net realized PnL: the price result, less the fees, plus the funding (received positive, paid
 * negative). A missing part counts as zero; all three missing is "no PnL yet" (null).
 */
public final class NetPnl {

    private NetPnl() {
    }

    /** Beyond these a value is absurd (the wire format allows far less): no arithmetic is tried on it. */
    private static final int MAX_DIGITS = 64;

    /**
     * Never throws, whatever a record holds: it runs while a snapshot is read, so a hostile value (an exponent of a
     * billion) must not make reading fail or allocate gigabytes. With such a part the net is unknown (null); the
     * consumer's own checks refuse or show the absurd part.
     */
    public static BigDecimal of(BigDecimal gross, BigDecimal fees, BigDecimal funding) {
        if (gross == null && fees == null && funding == null || !sane(gross) || !sane(fees) || !sane(funding)) {
            return null;
        }
        BigDecimal net = orZero(gross).subtract(orZero(fees)).add(orZero(funding)).stripTrailingZeros();
        return net.scale() < 0 ? net.setScale(0) : net;
    }

    private static boolean sane(BigDecimal value) {
        return value == null || Math.abs((long) value.scale()) <= MAX_DIGITS && value.precision() - (long) value.scale() <= MAX_DIGITS;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
