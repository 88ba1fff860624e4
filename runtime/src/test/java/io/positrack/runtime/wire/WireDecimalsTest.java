package io.positrack.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class WireDecimalsTest {

    @Test
    void valuesThatFitNumeric38x18AreAccepted() {
        assertThat(WireDecimals.parse("99999999999999999999.999999999999999999").valid()).isTrue();
        assertThat(WireDecimals.parse("-0.5").valid()).isTrue();
        assertThat(WireDecimals.parse("1e12").value()).isEqualByComparingTo("1000000000000");
        assertThat(WireDecimals.parse("1.50000000000000000000000").valid()).as("trailing zeros carry no digits").isTrue();
    }

    @Test
    void valuesBeyondTheColumnAreRefusedWithoutFormattingThem() {
        assertThat(WireDecimals.parse("100000000000000000000").problem()).contains("integer digits");
        assertThat(WireDecimals.parse("0.0000000000000000001").problem()).contains("fraction digits");
        assertThat(WireDecimals.parse("1e99").problem()).contains("integer digits");
        assertThat(WireDecimals.problem(new BigDecimal("1e2147483647"))).contains("decimal is out of range");
        assertThat(WireDecimals.problem(new BigDecimal("1e-2147483647"))).contains("decimal is out of range");
    }

    @Test
    void textThatIsNotPlainNotationIsRefused() {
        for (String text : new String[] { "1 ", "NaN", "-Infinity", "0x10", "1e123", "+1", "1.", ".5", "1,5", "١" }) {
            assertThat(WireDecimals.parse(text).valid()).as(text).isFalse();
        }
    }
}
