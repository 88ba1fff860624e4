package io.positrack.runtime.wire;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for decimal amounts on the wire: a string in plain or short-exponent notation whose value fits
 * the {@code numeric(38, 18)} columns every service stores amounts in (at most 20 integer and 18 fraction
 * digits). Checked on the text and on precision and scale before anything formats the value: a
 * {@code toPlainString()} of {@code 1e2147483647} throws, and exponents near 1e9 allocate gigabytes.
 */
public final class WireDecimals {

    public static final int MAX_INTEGER_DIGITS = 20;
    public static final int MAX_FRACTION_DIGITS = 18;

    // No sign but '-', no whitespace, no "NaN"/"Infinity", an exponent of at most two digits.
    private static final Pattern FORM = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?([eE][+-]?[0-9]{1,2})?");

    private WireDecimals() {
    }

    /** The decimal a wire string stands for, or the reason it is not an acceptable one. */
    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed(null, "a decimal is required");
        }
        if (text.length() > 64 || !FORM.matcher(text).matches()) {
            return new Parsed(null, "'" + Texts.bounded(text, 40) + "' is not a decimal in plain notation");
        }
        BigDecimal value = new BigDecimal(text);
        return problem(value).map(p -> new Parsed(null, p)).orElseGet(() -> new Parsed(value, null));
    }

    /**
     * Why a decimal does not fit the columns, or empty when it does. Safe on any value: precision and scale
     * are read without formatting, and absurd scales are refused before {@code stripTrailingZeros}.
     */
    public static Optional<String> problem(BigDecimal value) {
        if (Math.abs((long) value.scale()) > 1000 || value.precision() > 200) {
            return Optional.of("decimal is out of range");
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        int fraction = Math.max(0, stripped.scale());
        long integer = (long) stripped.precision() - stripped.scale();
        if (fraction > MAX_FRACTION_DIGITS) {
            return Optional.of("decimal has more than " + MAX_FRACTION_DIGITS + " fraction digits");
        }
        if (integer > MAX_INTEGER_DIGITS) {
            return Optional.of("decimal has more than " + MAX_INTEGER_DIGITS + " integer digits");
        }
        return Optional.empty();
    }

    /** Exactly one of {@code value} and {@code problem} is set. */
    public record Parsed(BigDecimal value, String problem) {
        public boolean valid() {
            return value != null;
        }
    }
}
