package io.positrack.gateway.reply;

import java.math.BigDecimal;

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

    /** A decimal in its shortest plain form: {@code 0.500000} is 0.5, {@code 1E+2} is 100. */
    public static String number(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** A signed amount: {@code +12.5}, {@code -3}, {@code 0}. */
    public static String signed(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        return (value.signum() > 0 ? "+" : "") + number(value);
    }
}
