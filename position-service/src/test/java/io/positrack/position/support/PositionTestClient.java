package io.positrack.position.support;

import io.positrack.infra.TopicRecorder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/**
 * Talks to position-service the way other services do: JSON records on its Kafka topics, answers
 * read back from {@code command-results} and {@code position-events} by a plain consumer.
 */
public final class PositionTestClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static PositionTestClient shared;

    private final KafkaProducer<String, String> producer;
    public final TopicRecorder results;
    public final TopicRecorder events;
    public final TopicRecorder commandDeadLetters;

    private PositionTestClient(String bootstrap) {
        producer = io.positrack.infra.StringProducers.create(bootstrap);
        // Only position-service writes command-results here, its REJECTED_INVALID answers without CloudEvents headers.
        results = TopicRecorder.startOutput(bootstrap, Topics.COMMAND_RESULTS);
        events = TopicRecorder.start(bootstrap, Topics.POSITION_EVENTS);
        commandDeadLetters = TopicRecorder.start(bootstrap, Topics.dlq(Topics.POSITION_COMMANDS));
    }

    public static synchronized PositionTestClient get() {
        if (shared == null) {
            shared = new PositionTestClient(PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers());
        }
        return shared;
    }

    /** A client of its own for a broker started outside the Quarkus test resource (crash tests, benchmarks). */
    public static PositionTestClient connect(String bootstrap) {
        return new PositionTestClient(bootstrap);
    }

    /** Sends without waiting for the broker's acknowledgement; {@link #flush()} waits for all of them. */
    public void sendCommandAsync(PositionCommand command) {
        producer.send(new ProducerRecord<>(Topics.POSITION_COMMANDS, command.symbol() != null ? command.symbol() : command.account(),
                write(command)));
    }

    public void tickAsync(String symbol, BigDecimal bid, BigDecimal ask) {
        MarketTick tick = new MarketTick(symbol, bid, ask, bid, Instant.now());
        producer.send(new ProducerRecord<>(Topics.MARKET_TICKS, symbol, write(tick)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        results.close();
        events.close();
        commandDeadLetters.close();
    }

    public static String uniqueAccount(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void sendCommand(PositionCommand command) {
        send(Topics.POSITION_COMMANDS, command.symbol() != null ? command.symbol() : command.account(), write(command));
    }

    public void sendRaw(String topic, String key, String value) {
        send(topic, key, value);
    }

    public void tick(String symbol, String bid, String ask) {
        MarketTick tick = new MarketTick(symbol, new BigDecimal(bid), new BigDecimal(ask), new BigDecimal(bid), Instant.now());
        send(Topics.MARKET_TICKS, symbol, write(tick));
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    public List<CommandResult> resultsFor(String commandId) {
        return results.matching(r -> r.value().contains("\"" + commandId + "\"")).stream()
                .map(r -> read(r.value(), CommandResult.class))
                .filter(r -> commandId.equals(r.commandId()))
                .toList();
    }

    /** The records on {@code command-results} that answer {@code commandId}, headers and all. */
    public List<ConsumerRecord<String, String>> resultRecordsFor(String commandId) {
        return results.matching(r -> r.value().contains("\"" + commandId + "\""));
    }

    public List<CommandResult> resultsForAccount(String account) {
        return results.matching(r -> r.value().contains("\"" + account + "\"")).stream()
                .map(r -> read(r.value(), CommandResult.class))
                .filter(r -> account.equals(r.account()))
                .toList();
    }

    public List<PositionEvent> eventsForAccount(String account) {
        return events.matching(r -> r.value().contains("\"" + account + "\"")).stream()
                .map(r -> read(r.value(), PositionEvent.class))
                .filter(e -> account.equals(e.position().account()))
                .toList();
    }

    /**
     * The account's history as a plain consumer read it (results and events in consumption order, copies kept), for
     * {@link io.positrack.infra.history.HistoryChecker}.
     */
    public io.positrack.infra.history.History history(String account, java.util.Collection<String> sent) {
        return new io.positrack.infra.history.History(List.copyOf(sent), resultsForAccount(account), eventsForAccount(account));
    }

    public List<ConsumerRecord<String, String>> deadLettersContaining(String marker) {
        return commandDeadLetters.matching(r -> r.value() != null && r.value().contains(marker));
    }

    public static PositionCommand.OpenPosition open(String account, String symbol, Side side, String quantity, String stopLoss,
            String takeProfit) {
        return new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", symbol, side,
                new BigDecimal(quantity), null, stopLoss == null ? null : new BigDecimal(stopLoss),
                takeProfit == null ? null : new BigDecimal(takeProfit), null, 42L, Instant.now());
    }

    public static PositionCommand.OpenPosition openForSignal(String account, String symbol, Side side, String quantity,
            String signalId) {
        return new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", symbol, side,
                new BigDecimal(quantity), null, null, null, signalId, 42L, Instant.now());
    }

    public static PositionCommand.ClosePosition close(String account, String symbol) {
        return new PositionCommand.ClosePosition(UUID.randomUUID().toString(), account, "paper", symbol, null, null, 42L,
                Instant.now());
    }

    public static PositionCommand.QueryStatus status(String account, String symbol) {
        return new PositionCommand.QueryStatus(UUID.randomUUID().toString(), account, "paper", symbol, 42L, Instant.now(), null);
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T read(String value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
