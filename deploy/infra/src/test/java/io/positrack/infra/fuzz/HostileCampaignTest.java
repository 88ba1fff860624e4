package io.positrack.infra.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.infra.KafkaNode;

class HostileCampaignTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static KafkaNode kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaNode.start(Optional.empty());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void aTwoMebibyteRecordIsProducedAndConsumedOnATopicCreatedByKafkaNode() throws Exception {
        kafka.createTopics(List.of("fuzz-large"), 1);
        byte[] value = RandomBytes.of(new Random(7), FuzzLimits.MAX_VALUE_BYTES);
        HostileRecord large = new HostileRecord(HostileKind.RANDOM_BYTES, "fuzz-large", 0, "fz-000000", value,
                List.of(new HostileHeader("", null), new HostileHeader("x".repeat(10_000), new byte[64 * 1024])), "2 MiB");

        try (HostileCampaign campaign = new HostileCampaign(kafka.bootstrapServers(), new HostileRecords(1))) {
            campaign.send(large);
        }
        List<DeadLetter> read = DeadLetterReader.readAll(kafka.bootstrapServers(), "fuzz-large", TIMEOUT);

        assertThat(read).hasSize(1);
        assertThat(read.get(0).value()).isEqualTo(value);
        assertThat(read.get(0).key()).isEqualTo("fz-000000");
        assertThat(topicMaxMessageBytes("fuzz-large")).isGreaterThanOrEqualTo(FuzzLimits.BROKER_MAX_MESSAGE_BYTES);
    }

    @Test
    void aCampaignSendsEveryGeneratedRecordAndReportsItsFigures() {
        String topic = Topics.MARKET_TICKS;
        kafka.createTopics(List.of(topic), 2);
        HostileRecords generator = new HostileRecords(99, "fz-campaign");

        CampaignFigures figures;
        try (HostileCampaign campaign = new HostileCampaign(kafka.bootstrapServers(), generator)) {
            figures = campaign.send(topic, 500);
        }
        List<DeadLetter> onTopic = DeadLetterReader.readAll(kafka.bootstrapServers(), topic, TIMEOUT);

        HostileBatch expected = generator.batch(topic, 500);
        assertThat(figures.records()).isEqualTo(500);
        assertThat(figures.bytes()).isEqualTo(expected.totalBytes());
        assertThat(figures.recordsByKind()).isEqualTo(expected.countsByKind());
        assertThat(onTopic).hasSize(500);
        for (DeadLetter r : onTopic) {
            HostileRecord sent = generator.record(topic, generator.indexOf(r.key()));
            assertThat(r.value()).as(sent.toString()).isEqualTo(sent.value());
        }
    }

    @Test
    void aCampaignSentInTwoPartsIsTheSameRecordsAsOneSentInAPiece() {
        String topic = Topics.ALERTS;
        kafka.createTopics(List.of(topic), 2);
        HostileRecords generator = new HostileRecords(98, "fz-parts");

        CampaignFigures first;
        CampaignFigures second;
        try (HostileCampaign campaign = new HostileCampaign(kafka.bootstrapServers(), generator)) {
            first = campaign.send(topic, 0, 120);
            second = campaign.send(topic, 120, 300);
        }
        List<DeadLetter> onTopic = DeadLetterReader.readAll(kafka.bootstrapServers(), topic, TIMEOUT).stream()
                .filter(r -> generator.indexOf(r.key()) >= 0).toList();

        assertThat(first.records()).isEqualTo(120);
        assertThat(second.records()).isEqualTo(180);
        assertThat(first.bytes() + second.bytes()).isEqualTo(generator.batch(topic, 300).totalBytes());
        assertThat(onTopic).extracting(r -> generator.indexOf(r.key())).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 300).boxed().toList());
    }

    @Test
    void deadLettersAreGroupedByServiceAndOriginAndTheConsumersOwnHeadersWin() {
        String dlq = Topics.dlq(Topics.POSITION_EVENTS);
        kafka.createTopics(List.of(dlq), 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(stringProducer())) {
            // A forged header copied from the input comes first; the consumer's own follows it.
            producer.send(deadLetter(dlq, "signal-service", 7, "forged"));
            producer.send(deadLetter(dlq, "telegram-gateway", 7, null));
            producer.send(deadLetter(dlq, "telegram-gateway", 7, null));
            producer.send(deadLetter(dlq, "signal-service", 8, null));
        }

        List<DeadLetter> letters = DeadLetterReader.readFor(kafka.bootstrapServers(), Topics.POSITION_EVENTS, TIMEOUT);
        Map<DeadLetter.Origin, List<DeadLetter>> duplicates = DeadLetterReader.duplicates(letters);

        assertThat(letters).hasSize(4);
        assertThat(letters.get(0).service()).isEqualTo("signal-service");
        assertThat(letters.get(0).reason()).isEqualTo("malformed position event");
        assertThat(DeadLetterReader.byOrigin(letters)).hasSize(3);
        assertThat(duplicates).containsOnlyKeys(new DeadLetter.Origin("telegram-gateway", Topics.POSITION_EVENTS, 0, 7));
    }

    @Test
    void readingAnEmptyDeadLetterTopicReturnsAtOnceWithNothing() {
        String dlq = Topics.dlq(Topics.ALERTS);
        kafka.createTopics(List.of(dlq), 3);

        assertThat(DeadLetterReader.readAll(kafka.bootstrapServers(), dlq, TIMEOUT)).isEmpty();
    }

    private static ProducerRecord<String, String> deadLetter(String dlq, String service, long offset, String forgedService) {
        RecordHeaders headers = new RecordHeaders();
        if (forgedService != null) {
            headers.add(DeadLetter.SERVICE, utf8(forgedService));
            headers.add(DeadLetter.REASON, utf8("forged reason"));
        }
        headers.add(DeadLetter.REASON, utf8("malformed position event"));
        headers.add(DeadLetter.ORIGIN_TOPIC, utf8(Topics.POSITION_EVENTS));
        headers.add(DeadLetter.ORIGIN_PARTITION, utf8("0"));
        headers.add(DeadLetter.ORIGIN_OFFSET, utf8(Long.toString(offset)));
        headers.add(DeadLetter.SERVICE, utf8(service));
        return new ProducerRecord<>(dlq, null, "fz-00000" + offset, "{", headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Properties stringProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static int topicMaxMessageBytes(String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return Integer.parseInt(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("max.message.bytes").value());
        }
    }
}
