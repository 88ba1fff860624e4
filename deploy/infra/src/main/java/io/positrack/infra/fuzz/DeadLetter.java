package io.positrack.infra.fuzz;

import java.util.Map;

/**
 * One record read back from a dead-letter topic.
 *
 * @param headers each header name with its <em>last</em> value (UTF-8), as Kafka's {@code lastHeader} sees it: a
 *     consumer that copies the input's headers adds its own after them, so a forged input header never wins.
 *     A header without a value maps to {@code null}.
 */
public record DeadLetter(String topic, int partition, long offset, String key, byte[] value, Map<String, String> headers) {

    public static final String REASON = "dead-letter-reason";
    public static final String ORIGIN_TOPIC = "dead-letter-topic";
    public static final String ORIGIN_PARTITION = "dead-letter-partition";
    public static final String ORIGIN_OFFSET = "dead-letter-offset";
    /** The consuming service that refused the record (several services consume some topics). */
    public static final String SERVICE = "dead-letter-service";

    public String reason() {
        return headers.get(REASON);
    }

    public String service() {
        return headers.get(SERVICE);
    }

    /** Where the refused record was, and who refused it; fields missing from the headers are null or -1. */
    public Origin origin() {
        return new Origin(service(), headers.get(ORIGIN_TOPIC), number(ORIGIN_PARTITION), number(ORIGIN_OFFSET));
    }

    private long number(String header) {
        try {
            return Long.parseLong(headers.get(header));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && topic.equals(d.topic) && partition == d.partition && offset == d.offset;
    }

    @Override
    public int hashCode() {
        return topic.hashCode() * 31 + partition * 17 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + topic + "-" + partition + "@" + offset + ", key=" + key + ", " + (value == null ? "null"
                : value.length + " bytes") + ", origin=" + origin() + ", reason=" + reason() + "]";
    }

    /** The identity of a refusal: one consuming service, one input record. */
    public record Origin(String service, String topic, long partition, long offset) {
    }
}
