package io.positrack.runtime.consumer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends dead letters ({@link DeadLetter}) through the service's {@value #CHANNEL} channel (byte values). The
 * returned Uni completes once the broker has the letter and never fails: a letter the broker refuses for its
 * size is sent again in its minimal form, any other failure is retried with backoff, so a dead letter can
 * delay its partition but never stop it.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String CHANNEL = "dead-letters";

    private final MutinyEmitter<byte[]> emitter;
    private final ConsumerLimits limits;
    private final ConsumerMetrics metrics;
    private final String service;

    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, ConsumerLimits limits, ConsumerMetrics metrics,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.limits = limits;
        this.metrics = metrics;
        this.service = service;
    }

    public Uni<Void> send(ConsumerRecord<String, byte[]> record, Refusal refusal) {
        DeadLetter letter = DeadLetter.of(record, service, refusal, limits.deadLetterValueBytes(), limits.deadLetterHeaderBytes());
        metrics.deadLettered(record.topic(), refusal.code());
        Log.infof("Dead-lettering %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), refusal.code().tag(),
                refusal.detail());
        return Uni.createFrom().deferred(() -> emit(letter))
                .onFailure(RecordTooLargeException.class).recoverWithUni(e -> emit(letter.minimal()))
                .onFailure().invoke(e -> Log.warnf("Dead letter for %s-%d@%d not sent yet (%s); retrying", record.topic(),
                        record.partition(), record.offset(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Void> emit(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        letter.headers().forEach(headers::add);
        return emitter.sendMessage(Message.of(letter.value() == null ? new byte[0] : letter.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(letter.topic()).withKey(letter.key()).withHeaders(headers).build()));
    }
}
