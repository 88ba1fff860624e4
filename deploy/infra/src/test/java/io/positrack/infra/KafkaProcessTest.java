package io.positrack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaProcessTest {

    @Test
    void recordAcknowledgedBeforeKillNineIsReadAfterRestartOnTheSamePort() throws Exception {
        long t0 = System.nanoTime();
        try (KafkaProcess kafka = KafkaProcess.start()) {
            long started = System.nanoTime();
            kafka.createTopics(List.of("survives-kill"), 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
                producer.send(new ProducerRecord<>("survives-kill", "XAUUSD", "before-kill")).get();
            }
            long pid = kafka.pid();
            int port = kafka.port();

            kafka.kill();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("killed").isFalse();
            long killed = System.nanoTime();
            kafka.restart();
            long restarted = System.nanoTime();

            assertThat(kafka.pid()).isNotEqualTo(pid);
            assertThat(kafka.port()).isEqualTo(port);
            assertThat(readAll(kafka, "survives-kill", 1)).containsExactly("XAUUSD=before-kill");
            System.out.printf("KafkaProcess: first start %d ms, restart after kill -9 %d ms%n",
                    (started - t0) / 1_000_000, (restarted - killed) / 1_000_000);
        }
    }

    @Test
    void gracefulStopAndRestartKeepsTopicsAndTheirRecords() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start()) {
            kafka.createTopics(List.of("survives-stop"), 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
                producer.send(new ProducerRecord<>("survives-stop", "BTCUSDT", "before-stop")).get();
            }

            kafka.stop();
            assertThat(kafka.isAlive()).isFalse();
            kafka.restart();

            assertThat(kafka.partitionCounts(List.of("survives-stop"))).containsEntry("survives-stop", 2);
            assertThat(readAll(kafka, "survives-stop", 1)).containsExactly("BTCUSDT=before-stop");
        }
    }

    private static List<String> readAll(KafkaProcess kafka, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }

    private static Properties producerConfig(KafkaProcess kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }
}
