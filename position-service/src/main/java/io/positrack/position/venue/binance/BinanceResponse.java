package io.positrack.position.venue.binance;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One REST answer: HTTP status, body, and the headers that matter ({@code X-MBX-USED-WEIGHT-1M},
 * {@code Retry-After}). The request itself (with its signature) is never kept.
 */
public record BinanceResponse(int status, String body, OptionalInt usedWeight, OptionalLong retryAfterSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Binance's error payload {@code {"code": -1121, "msg": "Invalid symbol."}}. */
    public record Error(int code, String msg) {

        @Override
        public String toString() {
            return code + " " + msg;
        }
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new BinanceException(this, "unreadable answer: " + e.getMessage());
        }
    }

    /** The error payload, when the body is one. */
    public Optional<Error> error() {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.has("code") && n.has("msg") && n.get("code").canConvertToInt() && n.get("code").asInt() < 0) {
                return Optional.of(new Error(n.get("code").asInt(), n.get("msg").asText()));
            }
        } catch (Exception e) {
            // not JSON: no error payload
        }
        return Optional.empty();
    }

    public boolean hasCode(int code) {
        return error().map(e -> e.code() == code).orElse(false);
    }

    /** Status and error, for logs and reasons; never the request. */
    public String describe() {
        return "HTTP " + status + error().map(e -> " " + e).orElse("");
    }
}
