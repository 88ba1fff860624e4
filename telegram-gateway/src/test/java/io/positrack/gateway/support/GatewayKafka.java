package io.positrack.gateway.support;

import io.positrack.infra.TopicRecorder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/**
 * Plays the gateway's neighbours on the real broker: reads what it publishes on {@code bot-commands} the way
 * signal-service does, writes {@code command-results}, {@code position-events}, {@code alerts} and {@code market-ticks}
 * the way the services do (or the way a broken producer would), and reads the dead-letter topics.
 */
public final class GatewayKafka {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static GatewayKafka shared;

    private final KafkaProducer<String, String> producer;
    private final TopicRecorder botCommands;
    private final Map<String, TopicRecorder> deadLetterTopics = new ConcurrentHashMap<>();
    private final String bootstrap;

    private GatewayKafka(String bootstrap) {
        producer = io.positrack.infra.StringProducers.create(bootstrap);
        this.bootstrap = bootstrap;
        botCommands = TopicRecorder.startOutput(bootstrap, Topics.BOT_COMMANDS); // the gateway's output: every record checked
    }

    public static synchronized GatewayKafka get() {
        if (shared == null) {
            shared = new GatewayKafka(PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers());
        }
        return shared;
    }

    /** Every record on bot-commands with this command id (a correct gateway publishes one). */
    public List<ConsumerRecord<String, String>> commandRecords(String commandId) {
        return botCommands.matching(r -> r.value() != null && r.value().contains("\"" + commandId + "\""));
    }

    public List<BotCommand> commands(String commandId) {
        return commandRecords(commandId).stream().map(r -> read(r.value(), BotCommand.class))
                .filter(c -> commandId.equals(c.commandId())).toList();
    }

    /** Every record on bot-commands from one chat. */
    public List<BotCommand> commandsFromChat(long chatId) {
        return botCommands.matching(r -> r.value() != null && r.value().contains("\"chatId\":" + chatId)).stream()
                .map(r -> read(r.value(), BotCommand.class)).filter(c -> c.chatId() == chatId).toList();
    }

    public void sendResult(CommandResult result) {
        send(Topics.COMMAND_RESULTS, result.symbol() != null ? result.symbol() : result.account(), write(result));
    }

    public void sendEvent(PositionEvent event) {
        send(Topics.POSITION_EVENTS, event.position().symbol(), write(event));
    }

    public void sendRaw(String topic, String key, String value) {
        send(topic, key, value);
    }

    /** Any value (null for a tombstone) with extra headers, for example a test's name for the record. */
    public void sendRaw(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        send(record);
    }

    /** Every record on {@code <topic>-dlq} so far, read from the beginning by a recorder started on first use. */
    public List<ConsumerRecord<String, String>> deadLetters(String topic) {
        return deadLetterTopics.computeIfAbsent(Topics.dlq(topic), dlq -> TopicRecorder.start(bootstrap, dlq)).all();
    }

    /** The value of a record's last header with this name, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        String topic = record.topic();
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
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
