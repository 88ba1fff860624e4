package io.positrack.gateway.command;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import io.positrack.runtime.rules.Ids;

/**
 * What an inline button asks for, and its {@code callback_data} form (at most 64 bytes, Telegram's limit). The data
 * comes back from any client that can press or forge a button, so {@link #decode} treats it as hostile input: a form
 * it does not know, an id or symbol of the wrong shape, or too many bytes is a problem, never an exception.
 *
 * <pre>
 *   o:&lt;signalId&gt;    Open the pushed signal (its symbol is the id's part before the first '-')
 *   i:&lt;signalId&gt;    Ignore it
 *   cc:&lt;SYMBOL&gt;     Confirm /close SYMBOL     cc:#&lt;ID&gt;  Confirm /close #ID
 *   cx:&lt;SYMBOL&gt;     Cancel that close         cx:#&lt;ID&gt;
 * </pre>
 */
public sealed interface CallbackData {

    int MAX_BYTES = 64;

    record Open(String signalId, String symbol) implements CallbackData {
    }

    record Ignore(String signalId, String symbol) implements CallbackData {
    }

    /** Exactly one of {@code symbol} and {@code positionId}. */
    record ConfirmClose(String symbol, Long positionId) implements CallbackData {
    }

    record CancelClose(String symbol, Long positionId) implements CallbackData {
    }

    /** The data decoded, or why it cannot be. */
    record Decoded(CallbackData data, String problem) {

        static Decoded problem(String why) {
            return new Decoded(null, why);
        }
    }

    /** The {@code callback_data} of a button, or empty when it would not fit in 64 bytes (the button is then left out). */
    static Optional<String> encode(CallbackData data) {
        String encoded;
        if (data instanceof Open o) {
            encoded = "o:" + o.signalId();
        } else if (data instanceof Ignore i) {
            encoded = "i:" + i.signalId();
        } else if (data instanceof ConfirmClose c) {
            encoded = "cc:" + target(c.symbol(), c.positionId());
        } else {
            CancelClose c = (CancelClose) data;
            encoded = "cx:" + target(c.symbol(), c.positionId());
        }
        return encoded.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES ? Optional.of(encoded) : Optional.empty();
    }

    private static String target(String symbol, Long positionId) {
        return positionId != null ? "#" + positionId : symbol;
    }

    static Decoded decode(String raw, Pattern symbolPattern) {
        if (raw == null || raw.isEmpty()) {
            return Decoded.problem("the button carries no data");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Decoded.problem("the button's data is longer than " + MAX_BYTES + " bytes");
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            return Decoded.problem("the button's data is not of a known form");
        }
        String kind = raw.substring(0, colon);
        String rest = raw.substring(colon + 1);
        switch (kind) {
            case "o":
            case "i": {
                if (!Ids.FORM.matcher(rest).matches()) {
                    return Decoded.problem("the button names no valid signal");
                }
                int dash = rest.indexOf('-');
                String symbol = dash < 0 ? "" : rest.substring(0, dash);
                if (!symbolPattern.matcher(symbol).matches()) {
                    return Decoded.problem("the button names no valid signal");
                }
                return new Decoded(kind.equals("o") ? new Open(rest, symbol) : new Ignore(rest, symbol), null);
            }
            case "cc":
            case "cx": {
                String symbol = null;
                Long positionId = null;
                if (rest.startsWith("#")) {
                    String digits = rest.substring(1);
                    if (!digits.matches("[0-9]{1,18}") || Long.parseLong(digits) < 1) {
                        return Decoded.problem("the button names no valid position");
                    }
                    positionId = Long.parseLong(digits);
                } else if (symbolPattern.matcher(rest).matches()) {
                    symbol = rest;
                } else {
                    return Decoded.problem("the button names no valid symbol");
                }
                return new Decoded(kind.equals("cc") ? new ConfirmClose(symbol, positionId) : new CancelClose(symbol, positionId), null);
            }
            default:
                return Decoded.problem("the button's data is not of a known form");
        }
    }
}
