package io.positrack.infra.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends hostile records to a topic with a plain byte producer, as any other producer on the cluster could:
 * nothing in the way re-encodes or validates them. Every send is acknowledged by the broker ({@code acks=all})
 * before {@link #send} returns, so a test may start waiting for dead letters right after.
 */
public final class HostileCampaign implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final HostileRecords generator;

    public HostileCampaign(String bootstrapServers, HostileRecords generator) {
        this.generator = generator;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(FuzzLimits.PRODUCER_MAX_REQUEST_BYTES));
        // Room for a few 2 MiB records in flight; the default 32 MiB buffer would block on large runs of them.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends records 0 to count-1 of the topic and waits until the broker has acknowledged each of them. */
    public CampaignFigures send(String topic, int count) {
        return send(topic, 0, count);
    }

    /**
     * Sends records {@code from} to {@code to-1} of the topic, acknowledged like {@link #send(String, int)}: a campaign
     * in parts (half before a crash, half after) is the same records as one in a piece.
     */
    public CampaignFigures send(String topic, int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no range " + from + ".." + to);
        }
        long started = System.nanoTime();
        Map<HostileKind, Long> byKind = new EnumMap<>(HostileKind.class);
        long bytes = 0;
        long largest = 0;
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        for (int i = from; i < to; i++) {
            HostileRecord record = generator.record(topic, i);
            pending.add(producer.send(toProducerRecord(record)));
            byKind.merge(record.kind(), 1L, Long::sum);
            bytes += record.sizeBytes();
            largest = Math.max(largest, record.value() == null ? 0 : record.value().length);
            if (pending.size() >= 1000) {
                awaitAll(pending);
            }
        }
        awaitAll(pending);
        return new CampaignFigures(topic, to - from, bytes, largest, byKind, (System.nanoTime() - started) / 1_000_000);
    }

    /** Sends one generated record, e.g. to replay a case a campaign found. */
    public RecordMetadata send(HostileRecord record) {
        try {
            return producer.send(toProducerRecord(record)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send " + record, e.getCause());
        }
    }

    static ProducerRecord<byte[], byte[]> toProducerRecord(HostileRecord record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.name(), h.value()));
        return new ProducerRecord<>(record.topic(), null, record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                record.value(), headers);
    }

    private static void awaitAll(List<Future<RecordMetadata>> pending) {
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused a hostile record", e.getCause());
        }
        pending.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
