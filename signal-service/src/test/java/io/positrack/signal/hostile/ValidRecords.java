package io.positrack.signal.hostile;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.Side;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.TopicRecorder;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;

/**
 * Valid records sent after a campaign, one per partition where the topic has a consumer per partition, and the
 * proof that each was handled: the bot command is forwarded, the ticks make a bar, the event opens a session.
 */
final class ValidRecords implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaProducer<String, String> producer;
    private final TopicRecorder positionCommands;
    private final PostgresNode.Database database;
    private final ServiceApi api;
    private final String symbol;

    /** @param symbol watched by the service, ticked by nobody else */
    ValidRecords(String bootstrapServers, PostgresNode.Database database, ServiceApi api, String symbol) {
        this.producer = io.positrack.infra.StringProducers.create(bootstrapServers);
        this.positionCommands = TopicRecorder.startOutput(bootstrapServers, Topics.POSITION_COMMANDS);
        this.database = database;
        this.api = api;
        this.symbol = symbol;
    }

    /** A STATUS command on every partition of {@code bot-commands}; waits until each is on {@code position-commands}. */
    void botCommandsAreForwarded() {
        List<BotCommand> sent = new ArrayList<>();
        for (int partition = 0; partition < partitions(Topics.BOT_COMMANDS); partition++) {
            BotCommand c = SignalTestClient.bot(BotVerb.STATUS, SignalTestClient.uniqueAccount("after-campaign"), symbol);
            send(Topics.BOT_COMMANDS, partition, symbol, SignalTestClient.write(c));
            sent.add(c);
        }
        for (BotCommand c : sent) {
            await("bot command " + c.commandId() + " forwarded").atMost(PATIENCE)
                    .until(() -> !positionCommands.containing("\"" + c.commandId() + "\"").isEmpty());
        }
    }

    /** Two ticks in consecutive one-second bars; waits until the first bar is stored. */
    void ticksMakeABar() {
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        for (Instant t : List.of(first, first.plusSeconds(1))) {
            send(Topics.MARKET_TICKS, null, symbol, "{\"symbol\": \"" + symbol + "\", \"bid\": \"100\", \"ask\": \"100.02\", \"venueTime\": \""
                    + t + "\"}");
        }
        await("bar of " + symbol + " at " + first).atMost(PATIENCE).until(() -> barExists(first));
    }

    /** The opening event of a signal position on every partition of {@code position-events}; waits for each session. */
    void eventsOpenSessions() {
        List<Long> positions = new ArrayList<>();
        for (int partition = 0; partition < partitions(Topics.POSITION_EVENTS); partition++) {
            String account = SignalTestClient.uniqueAccount("after-campaign");
            PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, symbol, Side.BUY, "sig-ac-" + account);
            send(Topics.POSITION_EVENTS, partition, symbol, SignalTestClient.write(p.opened()));
            positions.add(p.id());
        }
        for (long id : positions) {
            await("session of position " + id).atMost(PATIENCE)
                    .until(() -> api.session(id).map(r -> "OPEN".equals(r.jsonPath().getString("status"))).orElse(false));
        }
    }

    private int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    private void send(String topic, Integer partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    private boolean barExists(Instant start) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM bars WHERE symbol = ? AND bar_start = ?")) {
            s.setString(1, symbol);
            s.setTimestamp(2, Timestamp.from(start));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        positionCommands.close();
    }
}
