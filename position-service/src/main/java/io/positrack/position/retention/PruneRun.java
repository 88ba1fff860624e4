package io.positrack.position.retention;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What one retention run deleted, per table, and which tables still had old rows when their batch budget ran out. */
public record PruneRun(Map<PrunedTable, Long> pruned, java.util.Set<PrunedTable> unfinished) {

    public PruneRun {
        pruned = Map.copyOf(pruned);
        unfinished = java.util.Set.copyOf(unfinished);
    }

    public long total() {
        return pruned.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The run's log line: every table in a fixed order, so lines of two runs compare at a glance. */
    public String summary() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (PrunedTable t : PrunedTable.values()) {
            ordered.put(t.label(), pruned.getOrDefault(t, 0L));
        }
        String counts = ordered.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String left = unfinished.isEmpty() ? ""
                : "; batch budget used up, the next run goes on with: "
                        + unfinished.stream().map(PrunedTable::label).sorted().collect(Collectors.joining(", "));
        return "Retention pruned " + total() + " rows (" + counts + ")" + left;
    }
}
