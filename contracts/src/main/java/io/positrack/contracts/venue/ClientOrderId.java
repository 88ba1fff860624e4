package io.positrack.contracts.venue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client order id Positrack gives every order: derived from the position, the order's role and
 * the attempt, so a retried placement carries the same id and the venue itself refuses a duplicate.
 * Fits Binance's {@code newClientOrderId} (at most 36 of {@code [.A-Z:/a-z0-9_-]}).
 */
public record ClientOrderId(long positionId, OrderRole role, int attempt) {

    private static final Pattern FORMAT = Pattern.compile("pt-([1-9]\\d{0,17})-(e|sl|tp|x)-([1-9]\\d{0,8})");

    public ClientOrderId {
        if (positionId < 1 || attempt < 1) {
            throw new IllegalArgumentException("position id and attempt start at 1");
        }
    }

    /**
     * The id a venue echoes back, or empty when it is not one of Positrack's. Never throws: the digits are
     * bounded so that they fit a long and an int, and zero is not an id.
     */
    public static Optional<ClientOrderId> parse(String value) {
        if (value == null || value.length() > 36) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        OrderRole role = switch (m.group(2)) {
            case "e" -> OrderRole.ENTRY;
            case "sl" -> OrderRole.STOP_LOSS;
            case "tp" -> OrderRole.TAKE_PROFIT;
            default -> OrderRole.EXIT;
        };
        return Optional.of(new ClientOrderId(Long.parseLong(m.group(1)), role, Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        String code = switch (role) {
            case ENTRY -> "e";
            case STOP_LOSS -> "sl";
            case TAKE_PROFIT -> "tp";
            case EXIT -> "x";
        };
        return "pt-" + positionId + "-" + code + "-" + attempt;
    }
}
