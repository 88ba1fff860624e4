package io.positrack.contracts.alert;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something an operator must look at, on {@code alerts}, keyed by symbol. Published through the outbox,
 * so an alert exists if and only if the change that raised it committed.
 *
 * @param alertId unique; {@code ce_id} carries it too, so consumers can deduplicate
 * @param type what happened: {@link #SIZE_MISMATCH} or {@link #OUTBOX_ROW_SET_ASIDE}
 * @param details the figures behind the alert, as strings (decimals in plain notation)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String alertId,
        String type,
        String account,
        String venue,
        String symbol,
        Long positionId,
        String message,
        Map<String, String> details,
        Instant raisedAt) {

    public static final String SIZE_MISMATCH = "SIZE_MISMATCH";

    /**
     * The outbox relay set a row aside because the broker refused it for good (or it was too large to send):
     * that event or result was not published. {@code details} names the row ({@code seq}, {@code topic},
     * {@code key}, {@code type}, {@code reason}); never its payload.
     */
    public static final String OUTBOX_ROW_SET_ASIDE = "OUTBOX_ROW_SET_ASIDE";
}
