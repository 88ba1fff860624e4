package io.positrack.infra.binance;

import java.math.BigDecimal;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A symbol's filters as the stand-in serves them in {@code GET /fapi/v1/exchangeInfo} and enforces on orders:
 * {@code PRICE_FILTER} tick size, {@code LOT_SIZE} and {@code MARKET_LOT_SIZE} (the same step and minimum; their own
 * maximum), {@code MIN_NOTIONAL}. Values are strings, as on the wire.
 */
public record SymbolFilters(String tickSize, String stepSize, String minQty, String maxQty, String marketMaxQty, String minNotional) {

    /** What every symbol with a mark price gets unless a test sets its own: fine enough for any test's figures. */
    public static final SymbolFilters PERMISSIVE = new SymbolFilters("0.00000001", "0.00000001", "0.00000001", "1000000", "1000000", "0");

    ObjectNode json(ObjectMapper json, String symbol) {
        ObjectNode s = json.createObjectNode();
        s.put("symbol", symbol);
        s.put("pair", symbol);
        s.put("contractType", "PERPETUAL");
        s.put("status", "TRADING");
        ArrayNode filters = s.putArray("filters");
        filters.addObject().put("filterType", "PRICE_FILTER").put("minPrice", "0.00000001").put("maxPrice", "100000000")
                .put("tickSize", tickSize);
        filters.addObject().put("filterType", "LOT_SIZE").put("stepSize", stepSize).put("minQty", minQty).put("maxQty", maxQty);
        filters.addObject().put("filterType", "MARKET_LOT_SIZE").put("stepSize", stepSize).put("minQty", minQty)
                .put("maxQty", marketMaxQty);
        filters.addObject().put("filterType", "MIN_NOTIONAL").put("notional", minNotional);
        s.putArray("orderTypes").add("MARKET").add("STOP_MARKET").add("TAKE_PROFIT_MARKET");
        return s;
    }

    /**
     * Binance's refusal of an order these filters do not allow, or empty. Codes as Binance's "Error Codes" page lists
     * them: -1111 precision, -4003 quantity below the minimum, -4005 above the maximum, -4164 notional (not for
     * reduce-only orders).
     */
    Optional<int[]> refusal(BigDecimal quantity, BigDecimal triggerPrice, BigDecimal markPrice, boolean reduceOnly) {
        if (!onGrid(quantity, new BigDecimal(stepSize)) || triggerPrice != null && !onGrid(triggerPrice, new BigDecimal(tickSize))) {
            return Optional.of(new int[] { -1111 });
        }
        if (quantity.compareTo(new BigDecimal(minQty)) < 0) {
            return Optional.of(new int[] { -4003 });
        }
        if (quantity.compareTo(new BigDecimal(marketMaxQty)) > 0) {
            return Optional.of(new int[] { -4005 });
        }
        if (!reduceOnly && triggerPrice == null && quantity.multiply(markPrice).compareTo(new BigDecimal(minNotional)) < 0) {
            return Optional.of(new int[] { -4164 });
        }
        return Optional.empty();
    }

    static String message(int code, SymbolFilters f) {
        return switch (code) {
            case -1111 -> "Precision is over the maximum defined for this asset.";
            case -4003 -> "Quantity less than or equal to zero.";
            case -4005 -> "Quantity greater than max quantity.";
            default -> "Order's notional must be no smaller than " + f.minNotional() + " (unless you choose reduce only).";
        };
    }

    private static boolean onGrid(BigDecimal value, BigDecimal step) {
        return step.signum() == 0 || value.remainder(step).signum() == 0;
    }
}
