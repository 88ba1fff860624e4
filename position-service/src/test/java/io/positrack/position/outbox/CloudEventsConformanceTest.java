package io.positrack.position.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the outbox publishes is a CloudEvent as the CloudEvents SDK's own Kafka binding reads it (binary mode), not
 * only records whose headers look like one: a consumer using the SDK gets the id, source, type, subject, time and
 * content type we document, and the record's value as the event's data.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class CloudEventsConformanceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void theResultAndTheEventOfAnOpenReadBackThroughTheSdksKafkaBindingAsDocumented() {
        String account = PositionTestClient.uniqueAccount("cloudevents");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "CEVUSD", Side.BUY, "1", null, null);
        OffsetDateTime sent = OffsetDateTime.now();
        kafka.sendCommand(open);

        ConsumerRecord<String, String> result = awaitOne(kafka.results::containing, open.commandId());
        CloudEvent answer = read(result);
        assertThat(answer.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(answer.getId()).isEqualTo("result-" + open.commandId() + "|" + account);
        assertThat(answer.getSource()).isEqualTo(URI.create("/positrack/position-service"));
        assertThat(answer.getType()).isEqualTo("io.positrack.command.Result");
        assertThat(answer.getSubject()).isEqualTo(open.commandId());
        assertThat(answer.getDataContentType()).isEqualTo("application/json");
        assertThat(answer.getTime()).isAfterOrEqualTo(sent.minusSeconds(5));
        assertThat(new String(answer.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(result.value());

        ConsumerRecord<String, String> opened = awaitOne(kafka.events::containing, account);
        CloudEvent event = read(opened);
        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getId()).matches("position-\\d+-v1");
        assertThat(event.getType()).isEqualTo("io.positrack.position.PositionOpened");
        assertThat(event.getSource()).isEqualTo(URI.create("/positrack/position-service"));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(opened.value());
    }

    private static CloudEvent read(ConsumerRecord<String, String> record) {
        return KafkaMessageFactory.createReader(record.headers(), record.value().getBytes(StandardCharsets.UTF_8)).toEvent();
    }

    private static ConsumerRecord<String, String> awaitOne(java.util.function.Function<String, List<ConsumerRecord<String, String>>> find,
            String marker) {
        await().atMost(PATIENCE).until(() -> !find.apply(marker).isEmpty());
        return find.apply(marker).get(0);
    }
}
