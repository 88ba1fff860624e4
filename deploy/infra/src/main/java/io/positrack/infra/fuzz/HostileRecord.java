package io.positrack.infra.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One record a strict consumer must refuse.
 *
 * @param kind how it was made
 * @param topic the topic it was made for
 * @param index its position in the generated sequence; {@code key} encodes it too
 * @param key never null: {@code <marker>-<index>}, so a test can find the record again on a dead-letter topic
 * @param value the payload, {@code null} for a tombstone
 * @param detail what exactly was mutated (field and value), for reports
 */
public record HostileRecord(HostileKind kind, String topic, int index, String key, byte[] value, List<HostileHeader> headers,
        String detail) {

    public HostileRecord {
        headers = List.copyOf(headers);
    }

    /** Bytes on the wire, excluding Kafka's framing: key, value, header names and values. */
    public long sizeBytes() {
        long size = key.getBytes(StandardCharsets.UTF_8).length + (value == null ? 0 : value.length);
        for (HostileHeader h : headers) {
            size += h.name().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostileRecord r && kind == r.kind && topic.equals(r.topic) && index == r.index && key.equals(r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers) && detail.equals(r.detail);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "HostileRecord[" + kind + " " + topic + "#" + index + ", " + (value == null ? "null" : value.length + " bytes")
                + ", " + detail + "]";
    }
}
