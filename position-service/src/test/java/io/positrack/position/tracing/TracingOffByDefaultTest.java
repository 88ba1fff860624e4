package io.positrack.position.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tracing is off unless an operator switches it on: the services' sampling ratio of 0 makes every span a no-op,
 * so nothing is propagated or exported and the metrics carry no trace exemplars (with {@code quarkus.otel.sdk.disabled}
 * instead, Quarkus still records and samples spans, and every metric line gains an exemplar).
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class TracingOffByDefaultTest {

    @Inject
    OpenTelemetry telemetry;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aSpanStartedWithTheDefaultsIsNeitherRecordedNorSampled() {
        Span span = telemetry.getTracer("test").spanBuilder("probe").startSpan();
        try {
            assertThat(span.isRecording()).isFalse();
            assertThat(span.getSpanContext().isSampled()).isFalse();
        } finally {
            span.end();
        }
    }

    @Test
    void aResultPublishedThroughTheOutboxCarriesNoTraceHeader() {
        PositionCommand open = PositionTestClient.open(PositionTestClient.uniqueAccount("tracing-off"), "EURCHF", Side.BUY, "1", null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultRecordsFor(open.commandId()).isEmpty());
        ConsumerRecord<String, String> result = kafka.resultRecordsFor(open.commandId()).get(0);
        assertThat(result.headers().lastHeader("ce_id")).as("a CloudEvent, so the outbox wrote it").isNotNull();
        assertThat(result.headers().lastHeader("traceparent")).isNull();
        assertThat(result.headers().lastHeader("tracestate")).isNull();
    }

    @Test
    void theMetricsOfAServedRequestCarryNoTraceExemplar() {
        given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("account", "tracing-off").get("/positions").then().statusCode(200);
        String metrics = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count").doesNotContain("trace_id=");
    }
}
