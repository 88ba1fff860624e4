package io.positrack.infra.fuzz;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A generated sequence of hostile records for one topic, with its figures. */
public record HostileBatch(String topic, List<HostileRecord> records) {

    public HostileBatch {
        records = List.copyOf(records);
    }

    public long totalBytes() {
        return records.stream().mapToLong(HostileRecord::sizeBytes).sum();
    }

    public long largestValueBytes() {
        return records.stream().mapToLong(r -> r.value() == null ? 0 : r.value().length).max().orElse(0);
    }

    public Map<HostileKind, Long> countsByKind() {
        return countByKind(records);
    }

    static Map<HostileKind, Long> countByKind(List<HostileRecord> records) {
        Map<HostileKind, Long> counts = new EnumMap<>(HostileKind.class);
        records.forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
        return counts;
    }
}
