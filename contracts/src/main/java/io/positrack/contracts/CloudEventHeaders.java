package io.positrack.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents attributes of a record in the Kafka binding's binary mode: {@code ce_*} headers and the content type,
 * as the AsyncAPI document's {@code CloudEventsHeaders} describes them. The one place that names them, for every
 * producer (the outbox, signal-service's answers and signals) and for the tests that build expected records.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of one event, in the order the binding lists them; {@code time} in UTC, as {@link Instant#toString()}. */
    public static Map<String, String> of(String id, String source, String type, String subject, Instant time) {
        return of(id, source, type, subject, time.toString());
    }

    /** As {@link #of(String, String, String, String, Instant)}, with the time already written (an ISO-8601 UTC instant). */
    public static Map<String, String> of(String id, String source, String type, String subject, String time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", SPEC_VERSION);
        headers.put("ce_id", id);
        headers.put("ce_source", source);
        headers.put("ce_type", type);
        headers.put("ce_subject", subject);
        headers.put("ce_time", time);
        headers.put("content-type", CONTENT_TYPE);
        return Collections.unmodifiableMap(headers);
    }
}
