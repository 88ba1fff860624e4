package io.positrack.infra;

import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer the tests and the demo write JSON records with: string keys and values, {@code acks=all} (a record the
 * test then waits on is on every in-sync replica), no linger (a test sends one record and waits for its effect). The
 * one home of that setup; the hostile campaigns, which write raw bytes, have their own.
 */
public final class StringProducers {

    private StringProducers() {
    }

    public static KafkaProducer<String, String> create(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }
}
