package io.positrack.position.venue.binance;

import java.util.Set;

import io.positrack.position.venue.Placement;

/**
 * What an answer to a placement ({@code POST /fapi/v1/order} or {@code /fapi/v1/algoOrder}) means for Positrack,
 * after Binance's general info and error codes:
 * <ul>
 * <li>2xx: accepted, with Binance's {@code orderId} or {@code algoId};</li>
 * <li>-4116 (client order id duplicated, only while that order is open): an earlier attempt got through; the
 * caller looks the order up for its id;</li>
 * <li>any 5xx or 408 (a 503 "Unknown error, please check your request or try again later." may have executed),
 * -1000, -1001, -1006, -1007 (execution status unknown), -1008 (throttled), -1003/-1015/429/418 (rate limits),
 * -1021 (clock outside recvWindow, passing): unknown, resolved by a lookup, never by resending blindly;</li>
 * <li>every other refusal, -2022 and -4118 (reduce-only refused) included: rejected, with the code in the reason.</li>
 * </ul>
 */
public final class PlacementAnswers {

    /** The answer needs a lookup before it means anything (-4116). */
    public static final String LOOK_UP = "look up";

    private static final Set<Integer> UNKNOWN_CODES = Set.of(-1000, -1001, -1003, -1006, -1007, -1008, -1015, -1021);

    private PlacementAnswers() {
    }

    /** The placement, or {@code Unknown(LOOK_UP)} when the id is already in use. */
    public static Placement of(BinanceResponse r, String idField) {
        if (r.ok()) {
            var json = r.json();
            if (json.hasNonNull(idField)) {
                return new Placement.Accepted(json.get(idField).asText());
            }
            return new Placement.Unknown("answer without " + idField + ": " + r.describe());
        }
        if (r.hasCode(-4116)) {
            return new Placement.Unknown(LOOK_UP);
        }
        if (outcomeUnknown(r)) {
            return new Placement.Unknown("binance " + r.describe());
        }
        return new Placement.Rejected("binance " + r.describe());
    }

    /**
     * A failed answer that says nothing about the request's effect (server error, timeout, rate limit, execution
     * status unknown): asking again later may succeed. Every other failure is a refusal.
     */
    public static boolean outcomeUnknown(BinanceResponse r) {
        if (r.ok()) {
            return false;
        }
        if (r.status() >= 500 || r.status() == 408 || r.status() == 429 || r.status() == 418) {
            return true;
        }
        return r.error().map(e -> UNKNOWN_CODES.contains(e.code())).orElse(false);
    }

    public static boolean needsLookup(Placement p) {
        return p instanceof Placement.Unknown u && LOOK_UP.equals(u.reason());
    }
}
