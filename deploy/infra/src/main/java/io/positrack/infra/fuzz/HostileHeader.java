package io.positrack.infra.fuzz;

import java.util.Arrays;

/** One Kafka header of a hostile record; {@code value} may be {@code null}. */
public record HostileHeader(String name, byte[] value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof HostileHeader h && name.equals(h.name) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "HostileHeader[" + name.length() + " chars, " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
