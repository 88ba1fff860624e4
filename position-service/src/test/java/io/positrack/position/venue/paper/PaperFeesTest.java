package io.positrack.position.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.positrack.contracts.position.Side;

class PaperFeesTest {

    private static final PaperFees FEES = new PaperFees(new BigDecimal("0.0002"), new BigDecimal("0.0004"), new BigDecimal("0.001"));

    @ParameterizedTest(name = "{0} at {1} fills at {2}")
    @CsvSource({ "BUY, 100, 100.1", "SELL, 100, 99.9", "BUY, 1.08035, 1.08143035", "SELL, 1.08035, 1.07926965" })
    void slippageMovesTheFillAgainstTheTrader(Side side, BigDecimal quoted, BigDecimal filled) {
        assertThat(FEES.fillPrice(side, quoted)).isEqualByComparingTo(filled);
    }

    @ParameterizedTest(name = "{0} at {1}, maker {2}: {3}")
    @CsvSource({ "2, 100, false, 0.08", "2, 100, true, 0.04", "0.001, 7103.5, false, 0.0028414", "0.00001, 1, false, 0" })
    void theCommissionIsTheNotionalTimesTheRateTo8Decimals(BigDecimal quantity, BigDecimal price, boolean maker, BigDecimal commission) {
        assertThat(FEES.commission(quantity, price, maker)).isEqualByComparingTo(commission);
    }

    @Test
    void noFeesAndNoSlippageLeaveThePriceAndChargeNothing() {
        assertThat(PaperFees.NONE.fillPrice(Side.BUY, new BigDecimal("100"))).isEqualByComparingTo("100");
        assertThat(PaperFees.NONE.commission(BigDecimal.TEN, BigDecimal.TEN, false)).isNull();
    }

    @Test
    void aRateOfOneOrMoreOrBelowZeroIsRefused() {
        assertThatThrownBy(() -> new PaperFees(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaperFees(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
