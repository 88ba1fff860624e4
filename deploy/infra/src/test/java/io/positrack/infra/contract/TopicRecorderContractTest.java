package io.positrack.infra.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.infra.KafkaNode;
import io.positrack.infra.TopicRecorder;

/**
 * The deliberate break of issue #21: records produced with Positrack's CloudEvents headers that break their schema
 * (an extra field, a number where a decimal string belongs, a missing required field) are reported by the
 * {@link TopicRecorder} that sees them, naming topic, partition, offset and the JSON pointer, and every read of that
 * recorder fails from then on. A test's own records (no {@code ce_source} of ours) are left alone, an output recorder
 * checks every record, and a dead letter is checked on its headers only. Each test uses a topic of its own.
 */
class TopicRecorderContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant T = Instant.parse("2026-12-03T06:00:00.123456Z");

    private static KafkaNode kafka;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        kafka = KafkaNode.start(Optional.empty());
        kafka.createTopics(Topics.allWithDeadLetters(), 1);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void stop() {
        producer.close();
        kafka.close();
    }

    @Test
    void recordsOfOursThatBreakTheirSchemaAreReportedByTopicOffsetAndPointerAndFailEveryRead() {
        try (TopicRecorder recorder = TopicRecorder.start(kafka.bootstrapServers(), Topics.POSITION_EVENTS)) {
            send(Topics.POSITION_EVENTS, tree(event()).toString(), ours("io.positrack.position.PositionOpened")); // offset 0: conforms
            ObjectNode extra = tree(event());
            ((ObjectNode) extra.get("position")).put("leverage", "10");
            send(Topics.POSITION_EVENTS, extra.toString(), ours("io.positrack.position.PositionOpened"));
            ObjectNode number = tree(event());
            ((ObjectNode) number.get("position")).put("quantity", 0.5);
            send(Topics.POSITION_EVENTS, number.toString(), ours("io.positrack.position.PositionOpened"));
            ObjectNode missing = tree(event());
            missing.remove("occurredAt");
            send(Topics.POSITION_EVENTS, missing.toString(), ours("io.positrack.position.PositionOpened"));

            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.checkedRecords() == 4);
            assertThat(recorder.violations()).extracting(RecordViolation::topic, RecordViolation::partition, RecordViolation::offset,
                    RecordViolation::pointer).containsOnly(
                            tuple(Topics.POSITION_EVENTS, 0, 1L, "value/position/leverage"),
                            tuple(Topics.POSITION_EVENTS, 0, 2L, "value/position/quantity"),
                            tuple(Topics.POSITION_EVENTS, 0, 3L, "value/occurredAt"));
            assertThatThrownBy(recorder::all).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("position-events-0@1").hasMessageContaining("/position/leverage")
                    .hasMessageContaining("position-events-0@2").hasMessageContaining("/position/quantity")
                    .hasMessageContaining("position-events-0@3").hasMessageContaining("/occurredAt");
            assertThatThrownBy(() -> recorder.containing("acc-1")).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void aRecordOfOursWithoutTheWholeCloudEventsSetIsReportedOnItsHeaders() {
        try (TopicRecorder recorder = TopicRecorder.start(kafka.bootstrapServers(), Topics.ALERTS)) {
            Map<String, String> headers = ours("io.positrack.alert.SIZE_MISMATCH");
            headers.remove("ce_time");
            send(Topics.ALERTS, "{\"alertId\": \"a-1\", \"type\": \"SIZE_MISMATCH\", \"message\": \"m\", \"raisedAt\": \"" + T + "\"}", headers);
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.checkedRecords() == 1);
            assertThat(recorder.violations()).extracting(RecordViolation::offset, RecordViolation::pointer)
                    .containsExactly(tuple(0L, "headers/ce_time"));
        }
    }

    @Test
    void recordsATestWritesWithoutOurSourceAreLeftAlone() {
        try (TopicRecorder recorder = TopicRecorder.start(kafka.bootstrapServers(), Topics.MARKET_TICKS)) {
            send(Topics.MARKET_TICKS, "{\"symbol\": 42, \"bid\": -1}", Map.of());
            send(Topics.MARKET_TICKS, "not json at all", Map.of("ce_type", "forged", "ce_id", "x")); // what the fuzz headers forge
            send(Topics.MARKET_TICKS, null, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.uncheckedRecords() == 3);
            assertThat(recorder.checkedRecords()).isZero();
            assertThat(recorder.all()).hasSize(3);
        }
    }

    @Test
    void anOutputRecorderHoldsEveryRecordToItsContractWithOrWithoutHeaders() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.startOutput(kafka.bootstrapServers(), Topics.COMMAND_RESULTS)) {
            CommandResult rejected = new CommandResult("c-1", "OpenPosition", "acc-1", "paper", "XAUUSD", 7L, Outcome.REJECTED_INVALID,
                    "invalid OpenPosition: quantity must be positive", null, null, T, null, null, null);
            send(Topics.COMMAND_RESULTS, JSON.writeValueAsString(rejected), Map.of()); // sent directly: no CloudEvents headers
            send(Topics.COMMAND_RESULTS, JSON.writeValueAsString(rejected).replace("REJECTED_INVALID", "MAYBE"), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.checkedRecords() == 2);
            assertThat(recorder.violations()).extracting(RecordViolation::offset, RecordViolation::pointer)
                    .containsExactly(tuple(1L, "value/outcome"));
        }
    }

    @Test
    void aDeadLetterIsCheckedOnItsHeadersWhateverItsValueHolds() {
        String dlq = Topics.dlq(Topics.VENUE_EVENTS);
        try (TopicRecorder recorder = TopicRecorder.start(kafka.bootstrapServers(), dlq)) {
            Map<String, String> letter = new LinkedHashMap<>(ours("io.positrack.position.PositionOpened")); // copied from the original
            letter.putAll(Map.of("dead-letter-reason", "not JSON: x", "dead-letter-reason-code", "not_json",
                    "dead-letter-topic", Topics.VENUE_EVENTS, "dead-letter-partition", "0", "dead-letter-offset", "12",
                    "dead-letter-service", "position-service", "dead-letter-value-length", "3", "dead-letter-truncated", "false"));
            send(dlq, "{{{", letter);
            Map<String, String> incomplete = new LinkedHashMap<>(letter);
            incomplete.remove("dead-letter-offset");
            send(dlq, "{{{", incomplete);
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.checkedRecords() == 2);
            assertThat(recorder.violations()).extracting(RecordViolation::offset, RecordViolation::pointer)
                    .containsExactly(tuple(1L, "headers/dead-letter-offset"));
        }
    }

    private static PositionEvent event() {
        BigDecimal q = new BigDecimal("0.5");
        PositionSnapshot p = new PositionSnapshot(42, "acc-1", "paper", "XAUUSD", Side.BUY, PositionStatus.PENDING_ENTRY, q, BigDecimal.ZERO,
                BigDecimal.ZERO, null, null, new BigDecimal("2630.5"), new BigDecimal("2681.5"), null, null, Origin.SIGNAL, "sig-7",
                "pt-42-e-1", null, 0, 1, T, T, null, null, null, null, null, null);
        return new PositionEvent("position-42-v1", PositionEventType.PositionOpened, 42, 1, "tg-1", T, p);
    }

    private static ObjectNode tree(Object record) {
        return JSON.valueToTree(record);
    }

    /** The CloudEvents headers position-service's outbox relay sets. */
    private static Map<String, String> ours(String type) {
        return new LinkedHashMap<>(io.positrack.contracts.CloudEventHeaders.of("position-42-v1", "/positrack/position-service", type, "42", T));
    }

    private static void send(String topic, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "XAUUSD", value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
