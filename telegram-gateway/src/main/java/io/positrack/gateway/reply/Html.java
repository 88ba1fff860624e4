package io.positrack.gateway.reply;

import java.math.BigDecimal;

import io.positrack.runtime.wire.WireDecimals;

/** Text made safe for Telegram's HTML parse mode, and numbers written for people. */
public final class Html {

    private Html() {
    }

    /** Escapes the three characters the Bot API requires ({@code < > &}) and the double quote. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    public static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }

    /** How a decimal that does not fit the columns is shown: such a value is never formatted. */
    public static final String OUT_OF_RANGE = "(out of range)";

    /**
     * A decimal in its shortest plain form: {@code 0.500000} is 0.5, {@code 1E+2} is 100. The one place the
     * gateway turns a decimal into text, so it is bounded: a value that does not fit numeric(38,18)
     * ({@link WireDecimals#problem}, safe on any value) is shown as {@link #OUT_OF_RANGE}, because
     * {@code toPlainString()} of {@code 1e2147483646} throws and of {@code 1e900000000} writes a gigabyte.
     */
    public static String number(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        if (WireDecimals.problem(value).isPresent()) {
            return OUT_OF_RANGE;
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** A signed amount: {@code +12.5}, {@code -3}, {@code 0}; {@link #OUT_OF_RANGE} without a sign. */
    public static String signed(BigDecimal value) {
        String plain = number(value);
        return value != null && value.signum() > 0 && !OUT_OF_RANGE.equals(plain) ? "+" + plain : plain;
    }

    /** True when every value is present and fits the columns, so arithmetic on them is cheap and cannot overflow. */
    public static boolean fits(BigDecimal... values) {
        for (BigDecimal value : values) {
            if (value == null || WireDecimals.problem(value).isPresent()) {
                return false;
            }
        }
        return true;
    }
}
