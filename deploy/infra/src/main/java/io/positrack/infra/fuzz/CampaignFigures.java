package io.positrack.infra.fuzz;

import java.util.Map;

/** What a campaign sent to one topic. */
public record CampaignFigures(String topic, int records, long bytes, long largestValueBytes, Map<HostileKind, Long> recordsByKind,
        long elapsedMillis) {

    public CampaignFigures {
        recordsByKind = Map.copyOf(recordsByKind);
    }

    @Override
    public String toString() {
        return String.format("%s: %,d records, %,d bytes (largest value %,d) in %,d ms; by kind %s", topic, records, bytes,
                largestValueBytes, elapsedMillis, new java.util.TreeMap<>(recordsByKind));
    }
}
