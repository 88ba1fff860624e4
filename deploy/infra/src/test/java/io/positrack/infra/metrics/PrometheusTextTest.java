package io.positrack.infra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP positrack_consumer_records_total Records consumed
            # TYPE positrack_consumer_records_total counter
            positrack_consumer_records_total{outcome="applied",topic="market-ticks"} 12.0
            positrack_consumer_records_total{outcome="dead_lettered",topic="market-ticks"} 3.0
            positrack_consumer_records_total{outcome="applied",topic="bot-commands"} 5.0
            """;

    @Test
    void theSumAddsTheSamplesWhoseLabelsMatch() {
        assertThat(PrometheusText.sum(TEXT, "positrack_consumer_records_total", Map.of("outcome", "applied"))).isEqualTo(17.0);
        assertThat(PrometheusText.sum(TEXT, "positrack_consumer_records_total",
                Map.of("outcome", "applied", "topic", "market-ticks"))).isEqualTo(12.0);
    }

    @Test
    void aLineWithAnExemplarIsReadForItsValueNotTheExemplars() {
        String line = "http_server_requests_seconds_count{method=\"GET\",uri=\"/positions\"} 4.0 "
                + "# {span_id=\"a1\",trace_id=\"b2\"} 0.0123 1764770000.123";
        assertThat(PrometheusText.sum(line, "http_server_requests_seconds_count", Map.of("uri", "/positions"))).isEqualTo(4.0);
    }

    @Test
    void aLineWithATimestampIsReadForItsValue() {
        assertThat(PrometheusText.sum("up 1 1764770000123", "up", Map.of())).isEqualTo(1.0);
    }

    @Test
    void labelValuesMayHoldSpacesBracesAndEscapedQuotes() {
        String line = "positrack_x_total{reason=\"bad {json} \\\"x\\\" here\",topic=\"t\"} 2.0";
        PrometheusText.Sample sample = PrometheusText.sample(line, "positrack_x_total", Map.of("topic", "t")).orElseThrow();
        assertThat(sample.labels()).containsEntry("reason", "bad {json} \"x\" here");
        assertThat(sample.value()).isEqualTo(2.0);
    }

    @Test
    void aMetricThatIsNotThereSumsToZeroAndAnOtherNameIsNotCounted() {
        assertThat(PrometheusText.sum(TEXT, "positrack_consumer_records", Map.of())).isZero();
        assertThat(PrometheusText.sample(TEXT, "positrack_nothing_total", Map.of())).isEmpty();
    }
}
