package io.positrack.gateway;

import static io.positrack.gateway.support.TestChats.BAD_INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.gateway.notify.MarketPrices;
import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Snapshots;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.gateway.support.TestChats;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.positrack.runtime.consumer.ConsumerLimits;
import io.positrack.runtime.consumer.DeadLetter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #14 for the gateway: on every topic it consumes, a record it cannot use (tombstone, JSON null, empty,
 * over the size limit, an absurd decimal, a number where a string belongs) goes to {@code <topic>-dlq} with the
 * reason and {@code dead-letter-service=telegram-gateway}, and the record after it on the same partition is
 * still handled.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class NoBadRecordStopsAConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ABSURD = "1e2147483646";
    private static final String CASE = "test-case";

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();
    private final String account = TestChats.account(BAD_INPUT);

    @Inject
    ConsumerLimits limits;

    @Inject
    MarketPrices prices;

    @Test
    void badCommandResultsAreDeadLetteredAndTheNextResultIsStillAnswered() {
        String valid = GatewayKafka.write(Snapshots.result("bad-" + UUID.randomUUID(), "QueryStatus", account, "EURUSD", BAD_INPUT,
                Outcome.STATUS, Snapshots.active(801, account, "EURUSD", Side.BUY)));
        Map<String, BadRecord> bad = badRecords(valid,
                result -> ((ObjectNode) result.get("position")).put("entryPrice", ABSURD),
                result -> result.put("commandId", 12345));

        sendAll(Topics.COMMAND_RESULTS, "EURUSD", bad);
        kafka.sendResult(Snapshots.result("after-bad-" + UUID.randomUUID(), "QueryStatus", account, "EURUSD", BAD_INPUT,
                Outcome.STATUS, Snapshots.active(802, account, "EURUSD", Side.BUY)));

        await().atMost(PATIENCE).until(() -> sentToChatMentions("#802"));
        assertDeadLettered(Topics.COMMAND_RESULTS, bad);
        assertThat(sentToChatMentions("#801")).as("no bad copy was answered").isFalse();
    }

    @Test
    void badPositionEventsAreDeadLetteredAndTheNextEventIsStillAnnounced() {
        subscribe();
        String valid = GatewayKafka.write(event(Snapshots.active(811, account, "EURUSD", Side.BUY)));
        Map<String, BadRecord> bad = badRecords(valid,
                event -> ((ObjectNode) event.get("position")).put("entryPrice", ABSURD),
                event -> ((ObjectNode) event.get("position")).put("account", 42));

        sendAll(Topics.POSITION_EVENTS, "EURUSD", bad);
        kafka.sendEvent(event(Snapshots.active(812, account, "EURUSD", Side.BUY)));

        await().atMost(PATIENCE).until(() -> sentToChatMentions("#812"));
        assertDeadLettered(Topics.POSITION_EVENTS, bad);
        assertThat(sentToChatMentions("#811")).as("no bad copy was announced").isFalse();
    }

    @Test
    void badAlertsAreDeadLetteredAndTheNextAlertIsStillSent() {
        subscribe();
        String valid = GatewayKafka.write(alert("bad copy " + UUID.randomUUID()));
        // An alert carries no decimal field: its figures are strings in details, so the absurd price arrives
        // there as a JSON number.
        Map<String, BadRecord> bad = badRecords(valid,
                alert -> ((ObjectNode) alert.get("details")).putRawValue("venuePrice", new RawValue(ABSURD)),
                alert -> alert.put("account", 42));
        String marker = "after the bad alerts " + UUID.randomUUID();

        sendAll(Topics.ALERTS, "AVAXUSDT", bad);
        kafka.sendRaw(Topics.ALERTS, "AVAXUSDT", GatewayKafka.write(alert(marker)));

        await().atMost(PATIENCE).until(() -> sentToChatMentions(marker));
        assertDeadLettered(Topics.ALERTS, bad);
        assertThat(sentToChatMentions("bad copy")).as("no bad copy was sent").isFalse();
    }

    @Test
    void badTicksAreDeadLetteredAndTheNextTickStillUpdatesThePriceCache() {
        String symbol = "BAD" + Long.toString(System.nanoTime() % 1_000_000_000L);
        // The price cache starts at the end of the topic: tick until its consumer is known to be reading.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            kafka.sendRaw(Topics.MARKET_TICKS, symbol, GatewayKafka.write(tick(symbol, "100")));
            return prices.lastPrice(symbol).isPresent();
        });
        String valid = GatewayKafka.write(tick(symbol, "101"));
        Map<String, BadRecord> bad = badRecords(valid,
                tick -> tick.put("last", ABSURD),
                tick -> tick.put("bid", new BigDecimal("2650.4")));

        sendAll(Topics.MARKET_TICKS, symbol, bad);
        kafka.sendRaw(Topics.MARKET_TICKS, symbol, GatewayKafka.write(tick(symbol, "2345.67")));

        await().atMost(PATIENCE).until(() -> prices.lastPrice(symbol).map(p -> p.compareTo(new BigDecimal("2345.67")) == 0).orElse(false));
        assertDeadLettered(Topics.MARKET_TICKS, bad);
    }

    /** One bad record: its value (null for a tombstone) and the reason code its dead letter must carry. */
    private record BadRecord(String value, String reasonCode) {
    }

    /**
     * The same six bad records for every topic, built from a valid value: the two edits make it carry an
     * absurd decimal and a number where a string belongs.
     */
    private Map<String, BadRecord> badRecords(String valid, Consumer<ObjectNode> absurdPrice, Consumer<ObjectNode> numberForString) {
        String run = UUID.randomUUID().toString();
        Map<String, BadRecord> bad = new LinkedHashMap<>();
        bad.put(run + "-tombstone", new BadRecord(null, "empty"));
        bad.put(run + "-json-null", new BadRecord("null", "empty"));
        bad.put(run + "-empty", new BadRecord("", "empty"));
        // Valid JSON padded with blanks: only its size is wrong.
        int padding = limits.maxValueBytes() + 1 - valid.getBytes(StandardCharsets.UTF_8).length;
        bad.put(run + "-oversized", new BadRecord(valid + " ".repeat(padding), "oversized"));
        bad.put(run + "-absurd-price", new BadRecord(edit(valid, absurdPrice), "malformed"));
        bad.put(run + "-number-for-string", new BadRecord(edit(valid, numberForString), "malformed"));
        return bad;
    }

    private void sendAll(String topic, String key, Map<String, BadRecord> bad) {
        // One key: the records and the valid one after them share a partition, so its handling proves theirs.
        bad.forEach((name, record) -> kafka.sendRaw(topic, key, record.value(), Map.of(CASE, name)));
    }

    private void assertDeadLettered(String topic, Map<String, BadRecord> bad) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(bad.keySet()).allSatisfy(name ->
                assertThat(letters(topic, name)).as(name).isNotEmpty()));
        bad.forEach((name, expected) -> assertThat(letters(topic, name)).as(name).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.dlq(topic));
            assertThat(GatewayKafka.header(letter, DeadLetter.SERVICE)).isEqualTo("telegram-gateway");
            assertThat(GatewayKafka.header(letter, DeadLetter.TOPIC)).isEqualTo(topic);
            assertThat(GatewayKafka.header(letter, DeadLetter.REASON_CODE)).isEqualTo(expected.reasonCode());
            assertThat(GatewayKafka.header(letter, DeadLetter.REASON)).isNotBlank();
        }));
    }

    private List<ConsumerRecord<String, String>> letters(String topic, String name) {
        return kafka.deadLetters(topic).stream().filter(r -> name.equals(GatewayKafka.header(r, CASE))).toList();
    }

    private static String edit(String json, Consumer<ObjectNode> change) {
        ObjectNode tree = GatewayKafka.read(json, ObjectNode.class);
        change.accept(tree);
        return GatewayKafka.write(tree);
    }

    private void subscribe() {
        if (GatewayDatabase.count("SELECT count(*) FROM subscriptions WHERE chat_id = ?", BAD_INPUT) == 0) {
            standIn.sendUserMessage(BAD_INPUT, 67, "/start");
            await().atMost(PATIENCE).until(() -> GatewayDatabase.count("SELECT count(*) FROM subscriptions WHERE chat_id = ?", BAD_INPUT) == 1);
        }
    }

    private boolean sentToChatMentions(String text) {
        return standIn.sentTo(BAD_INPUT).stream().anyMatch(m -> m.plainText().contains(text));
    }

    private static PositionEvent event(PositionSnapshot position) {
        return new PositionEvent(PositionEvent.eventId(position.id(), position.version()), PositionEventType.PositionActivated,
                position.id(), position.version(), "test", Instant.now(), position);
    }

    private Alert alert(String message) {
        return new Alert(UUID.randomUUID().toString(), Alert.SIZE_MISMATCH, account, "paper", "AVAXUSDT", 805L, message,
                Map.of("venueQuantity", "1"), Instant.now());
    }

    private static MarketTick tick(String symbol, String last) {
        BigDecimal price = new BigDecimal(last);
        return new MarketTick(symbol, price.subtract(BigDecimal.ONE), price.add(BigDecimal.ONE), price, Instant.now());
    }
}
