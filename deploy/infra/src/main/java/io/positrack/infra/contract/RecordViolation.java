package io.positrack.infra.contract;

import io.positrack.contracts.schema.SchemaProblem;

/** A record of ours on a topic that breaks its contract: where it is, and what is wrong. */
public record RecordViolation(String topic, int partition, long offset, String key, SchemaProblem problem, String value) {

    private static final int SHOWN_VALUE_CHARS = 300;

    /** The JSON pointer of the problem, prefixed by the part it is in ({@code value/position/quantity}). */
    public String pointer() {
        return (problem.part() == SchemaProblem.Part.HEADERS ? "headers" : "value") + problem.pointer();
    }

    @Override
    public String toString() {
        String shown = value == null ? "null" : value.length() > SHOWN_VALUE_CHARS ? value.substring(0, SHOWN_VALUE_CHARS) + "…" : value;
        return topic + "-" + partition + "@" + offset + " (key " + key + "): " + problem + "\n    record: " + shown;
    }
}
