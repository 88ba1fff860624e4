package io.positrack.signal.testing;

import io.positrack.infra.TopicRecorder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/**
 * Talks to signal-service the way the other services do: JSON records on its topics (the gateway's bot
 * commands, position-service's events, a feed's ticks), and what it sends read back by plain consumers.
 */
public final class SignalTestClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static SignalTestClient shared;

    private final KafkaProducer<String, String> producer;
    public final TopicRecorder positionCommands;
    public final TopicRecorder results;
    public final TopicRecorder botDeadLetters;
    public final TopicRecorder tickDeadLetters;
    public final TopicRecorder eventDeadLetters;
    public final TopicRecorder ticks;
    public final TopicRecorder events;
    public final TopicRecorder signals;

    private SignalTestClient(String bootstrap) {
        producer = io.positrack.infra.StringProducers.create(bootstrap);
        // Outputs of signal-service that no test writes to: every record on them is held to its contract.
        positionCommands = TopicRecorder.startOutput(bootstrap, Topics.POSITION_COMMANDS);
        results = TopicRecorder.startOutput(bootstrap, Topics.COMMAND_RESULTS);
        botDeadLetters = TopicRecorder.start(bootstrap, Topics.dlq(Topics.BOT_COMMANDS));
        tickDeadLetters = TopicRecorder.start(bootstrap, Topics.dlq(Topics.MARKET_TICKS));
        eventDeadLetters = TopicRecorder.start(bootstrap, Topics.dlq(Topics.POSITION_EVENTS));
        ticks = TopicRecorder.start(bootstrap, Topics.MARKET_TICKS);
        events = TopicRecorder.start(bootstrap, Topics.POSITION_EVENTS);
        signals = TopicRecorder.start(bootstrap, Topics.SIGNALS);
    }

    /** The client of the test JVM's shared infrastructure ({@code @QuarkusTest} classes). */
    public static synchronized SignalTestClient get() {
        if (shared == null) {
            shared = new SignalTestClient(PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers());
        }
        return shared;
    }

    /** A client of its own for a broker started outside the Quarkus test resource. */
    public static SignalTestClient connect(String bootstrap) {
        return new SignalTestClient(bootstrap);
    }

    public static String uniqueAccount(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static BotCommand bot(BotVerb verb, String account, String symbol) {
        return new BotCommand("tg-" + UUID.randomUUID(), verb, account, symbol, null, null, 4242L, 7L, Instant.now());
    }

    /** The key the gateway uses: the symbol, else the account. */
    public static String key(BotCommand c) {
        return c.symbol() != null ? c.symbol() : c.account();
    }

    public void send(BotCommand command) {
        sendRaw(Topics.BOT_COMMANDS, key(command), write(command));
    }

    /** Without waiting for the broker; {@link #flush()} waits for all. Records of one key keep their order. */
    public void sendAsync(BotCommand command) {
        producer.send(new ProducerRecord<>(Topics.BOT_COMMANDS, key(command), write(command)));
    }

    public void flush() {
        producer.flush();
    }

    public void tick(MarketTick tick) {
        sendRaw(Topics.MARKET_TICKS, tick.symbol(), write(tick));
    }

    public void event(PositionEvent event) {
        sendRaw(Topics.POSITION_EVENTS, event.position().symbol(), write(event));
    }

    /** Sends {@code value} as it is ({@code null} sends a record without value); returns where the broker put it. */
    public RecordMetadata sendRaw(String topic, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /** Waits for the dead letter of the record the broker put at {@code sent}. */
    public ConsumerRecord<String, String> awaitDeadLetterOf(RecordMetadata sent) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(sent).isPresent());
        return deadLetterOf(sent).orElseThrow();
    }

    /**
     * The dead letter of the record the broker put at {@code sent}, if signal-service wrote one yet: found by
     * the origin headers, so it works for records whose value says nothing (null, empty, truncated).
     */
    public Optional<ConsumerRecord<String, String>> deadLetterOf(RecordMetadata sent) {
        TopicRecorder letters = switch (sent.topic()) {
            case Topics.BOT_COMMANDS -> botDeadLetters;
            case Topics.MARKET_TICKS -> tickDeadLetters;
            case Topics.POSITION_EVENTS -> eventDeadLetters;
            default -> throw new IllegalArgumentException("signal-service does not consume " + sent.topic());
        };
        return letters.matching(r -> sent.topic().equals(header(r, "dead-letter-topic"))
                && Integer.toString(sent.partition()).equals(header(r, "dead-letter-partition"))
                && Long.toString(sent.offset()).equals(header(r, "dead-letter-offset"))).stream().findFirst();
    }

    /** The position commands of an account, in the order they were published per partition. */
    public List<PositionCommand> positionCommandsOf(String account) {
        return positionCommands.containing("\"" + account + "\"").stream()
                .map(r -> read(r.value(), PositionCommand.class))
                .filter(c -> account.equals(c.account()))
                .toList();
    }

    public Optional<ConsumerRecord<String, String>> positionCommandRecord(String commandId) {
        return positionCommands.containing("\"" + commandId + "\"").stream().findFirst();
    }

    public List<CommandResult> resultsFor(String commandId) {
        return results.containing("\"" + commandId + "\"").stream()
                .map(r -> read(r.value(), CommandResult.class))
                .filter(r -> commandId.equals(r.commandId()))
                .toList();
    }

    public List<CommandResult> resultsForAccount(String account) {
        return results.containing("\"" + account + "\"").stream()
                .map(r -> read(r.value(), CommandResult.class))
                .filter(r -> account.equals(r.account()))
                .toList();
    }

    public List<PositionEvent> eventsOfAccount(String account) {
        return events.containing("\"" + account + "\"").stream()
                .map(r -> read(r.value(), PositionEvent.class))
                .filter(e -> account.equals(e.position().account()))
                .toList();
    }

    /** The announcements of new signals of a symbol on {@code signals}, in the order they were published. */
    public List<ConsumerRecord<String, String>> announcementsOf(String symbol) {
        return signals.matching(r -> symbol.equals(r.key()));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
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

    @Override
    public void close() {
        producer.close();
        positionCommands.close();
        signals.close();
        results.close();
        botDeadLetters.close();
        tickDeadLetters.close();
        eventDeadLetters.close();
        ticks.close();
        events.close();
    }
}
