package io.positrack.position.venue.binance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.position.venue.rules.SymbolRules;

/**
 * Reads {@code GET /fapi/v1/exchangeInfo} into {@link SymbolRules} per symbol: {@code PRICE_FILTER} ({@code tickSize},
 * {@code minPrice}, {@code maxPrice}), {@code PERCENT_PRICE} ({@code multiplierUp}, {@code multiplierDown}),
 * {@code LOT_SIZE} and {@code MARKET_LOT_SIZE} ({@code stepSize}, {@code minQty}, {@code maxQty}) and
 * {@code MIN_NOTIONAL.notional}. Only symbols whose {@code status} is {@code TRADING} are listed: Binance refuses
 * orders on the others, so for Positrack they are not traded. A filter that is absent is off (zero).
 */
public final class ExchangeInfo {

    private ExchangeInfo() {
    }

    public static Map<String, SymbolRules> rules(JsonNode answer) {
        JsonNode symbols = answer.path("symbols");
        if (!symbols.isArray()) {
            throw new IllegalArgumentException("exchangeInfo without a symbols list");
        }
        Map<String, SymbolRules> rules = new LinkedHashMap<>();
        for (JsonNode s : symbols) {
            String symbol = s.path("symbol").asText("");
            if (symbol.isEmpty() || !"TRADING".equals(s.path("status").asText("TRADING"))) {
                continue;
            }
            JsonNode price = filter(s, "PRICE_FILTER");
            JsonNode percent = filter(s, "PERCENT_PRICE");
            rules.put(symbol, new SymbolRules(symbol, decimal(price, "tickSize"), lot(filter(s, "LOT_SIZE")),
                    lot(filter(s, "MARKET_LOT_SIZE")), decimal(filter(s, "MIN_NOTIONAL"), "notional"),
                    new SymbolRules.Prices(decimal(price, "minPrice"), decimal(price, "maxPrice"), decimal(percent, "multiplierUp"),
                            decimal(percent, "multiplierDown"))));
        }
        return rules;
    }

    private static SymbolRules.Lot lot(JsonNode f) {
        return new SymbolRules.Lot(decimal(f, "stepSize"), decimal(f, "minQty"), decimal(f, "maxQty"));
    }

    private static JsonNode filter(JsonNode symbol, String type) {
        for (JsonNode f : symbol.path("filters")) {
            if (type.equals(f.path("filterType").asText())) {
                return f;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String text = node.path(field).asText("");
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }
}
