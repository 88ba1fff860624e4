package io.positrack.position.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.position.support.PositionTestClient;

/**
 * Sends commands at a constant rate, open loop: command {@code i} is due at {@code start + i / rate} whatever the
 * service has answered, and its latency counts from that due time. A generator that falls behind (a GC pause, a
 * full producer buffer) sends the late commands at once and the delay shows in the figures, instead of silently
 * sending fewer: no coordinated omission.
 *
 * <p>The commands pair up on a fresh symbol each, open then close, as the closed-loop benchmark's cycle did: every
 * open really opens and every close really requests the cancel. Both are keyed by the symbol, so the close reaches
 * the same partition after its open.
 */
final class ConstantRateSender {

    private final KafkaProducer<String, String> producer;
    private final LatencyRecorder recorder;

    ConstantRateSender(KafkaProducer<String, String> producer, LatencyRecorder recorder) {
        this.producer = producer;
        this.recorder = recorder;
    }

    Phase run(String name, double rate, Duration duration) {
        String account = PositionTestClient.uniqueAccount("ol-" + name);
        long commands = Math.round(rate * duration.toNanos() / 1e9);
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        Phase phase = new Phase(name, rate, start);
        for (long i = 0; i < commands; i++) {
            long intended = start + Math.round(i * interval);
            awaitUntil(intended);
            String symbol = "%sN%d".formatted(name.toUpperCase(), i / 2);
            PositionCommand command = i % 2 == 0
                    ? new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", symbol, Side.BUY, BigDecimal.ONE,
                            null, null, null, null, 1L, Instant.now())
                    : new PositionCommand.ClosePosition(UUID.randomUUID().toString(), account, "paper", symbol, null, null, 1L,
                            Instant.now());
            recorder.expect(command.commandId(), intended, phase);
            producer.send(new ProducerRecord<>(Topics.POSITION_COMMANDS, symbol, PositionTestClient.write(command)));
            phase.sent(System.nanoTime() - intended);
        }
        return phase;
    }

    private static void awaitUntil(long due) {
        // Parking, not spinning: on two shared cores a spinning generator would take CPU from the service. Parking
        // overshoots by tens of microseconds, which the send lag shows and which is small beside the latencies.
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
