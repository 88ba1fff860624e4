package io.positrack.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void anEventsHeadersAreTheBindingsAttributesInOrderWithAUtcTime() {
        var headers = CloudEventHeaders.of("position-7-v2", "/positrack/position-service", "io.positrack.position.Opened", "7",
                Instant.parse("2026-12-03T14:15:00.250Z"));
        assertThat(headers).containsExactly(
                java.util.Map.entry("ce_specversion", "1.0"),
                java.util.Map.entry("ce_id", "position-7-v2"),
                java.util.Map.entry("ce_source", "/positrack/position-service"),
                java.util.Map.entry("ce_type", "io.positrack.position.Opened"),
                java.util.Map.entry("ce_subject", "7"),
                java.util.Map.entry("ce_time", "2026-12-03T14:15:00.250Z"),
                java.util.Map.entry("content-type", "application/json"));
    }
}
