package io.positrack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.gateway.support.CampaignLedger;
import io.positrack.gateway.support.FailStopWatch;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Snapshots;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.RunSize;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.fuzz.DeadLetter;
import io.positrack.infra.fuzz.HostileCampaign;
import io.positrack.infra.fuzz.HostileRecords;
import io.positrack.infra.fuzz.TableFingerprint;
import io.positrack.infra.telegram.TelegramBotApiStandIn;

/**
 * Issue #14, crash variant, on the packaged gateway: half the campaign, kill -9 once part of it is dead-lettered,
 * the other half sent while the gateway is down (so its committed offsets point at hostile records), restart. It ends
 * like the campaign without a crash, except that a record may be dead-lettered twice (at least once; the duplicates
 * are counted). market-ticks is a per-instance cache that starts at the end of the topic by design: its first half is
 * dead-lettered before the kill and its second half is sent once the restarted instance reads.
 */
class HostileCampaignKillIT {

    private static final long SEED = Long.getLong("positrack.hostile.seed", 20261201L);
    /** Records per topic, set in the root pom (10,000 under -Pcampaign, fewer in the default verify). */
    private static final int COUNT = RunSize.of("positrack.hostile.kill-count");
    private static final int HALF = COUNT / 2;
    private static final List<String> COMMITTED = List.of(Topics.COMMAND_RESULTS, Topics.POSITION_EVENTS, Topics.ALERTS);
    private static final List<String> TOPICS = List.of(Topics.COMMAND_RESULTS, Topics.POSITION_EVENTS, Topics.ALERTS, Topics.MARKET_TICKS);
    private static final long CHAT = 4343;
    private static final String ACCOUNT = "acc-kill-it";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalInfrastructure infra;
    private static TelegramBotApiStandIn standIn;
    private static KafkaProducer<String, String> producer;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        standIn = TelegramBotApiStandIn.start();
        producer = io.positrack.infra.StringProducers.create(infra.kafka().bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (producer != null) {
            producer.close();
        }
        if (standIn != null) {
            standIn.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aGatewayKilledMidCampaignDeadLettersEveryRecordAtLeastOnceAfterItsRestartAndGoesOn() throws Exception {
        String bootstrap = infra.kafka().bootstrapServers();
        PostgresNode.Database database = infra.postgres().database("gateway");
        gateway = gateway().start();
        standIn.sendUserMessage(CHAT, 71, "/start");
        await().atMost(PATIENCE).until(() -> subscriptions(database) == 1);
        awaitTickApplied();
        Map<String, String> before = quietFingerprint(database);
        HostileRecords generator = new HostileRecords(SEED, "gwkill-" + SEED);
        long started = System.nanoTime();

        try (CampaignLedger ledger = new CampaignLedger(bootstrap, generator, TOPICS);
                HostileCampaign campaign = new HostileCampaign(bootstrap, generator)) {
            campaign.send(Topics.MARKET_TICKS, 0, HALF);
            await().atMost(Duration.ofMinutes(3)).until(() -> ledger.deadLettersSince(Topics.MARKET_TICKS) >= HALF);
            CompletableFuture<Void> firstHalf = CompletableFuture.runAsync(() -> COMMITTED.forEach(t -> campaign.send(t, 0, HALF)));
            await().atMost(Duration.ofMinutes(3)).until(() -> COMMITTED.stream().mapToLong(ledger::deadLettersSince).sum() >= HALF / 4);

            gateway.kill();
            Map<String, Long> atKill = new LinkedHashMap<>();
            COMMITTED.forEach(t -> atKill.put(t, ledger.deadLettersSince(t)));
            firstHalf.join();
            COMMITTED.forEach(t -> campaign.send(t, HALF, COUNT));
            System.out.printf("HostileCampaignKillIT: kill -9 after %d ms with dead letters %s of %d per topic; second half sent while down%n",
                    (System.nanoTime() - started) / 1_000_000, atKill, HALF);

            long restarting = System.nanoTime();
            gateway.start();
            long readyMs = (System.nanoTime() - restarting) / 1_000_000;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> COMMITTED.stream().anyMatch(t -> ledger.deadLettersSince(t) > atKill.get(t)));
            long firstRecordMs = (System.nanoTime() - restarting) / 1_000_000;
            awaitTickApplied();
            System.out.printf("HostileCampaignKillIT: restart after kill -9: ready %d ms, first record of a committed topic handled %d ms, "
                    + "first tick applied %d ms%n", readyMs, firstRecordMs, (System.nanoTime() - restarting) / 1_000_000);
            campaign.send(Topics.MARKET_TICKS, HALF, COUNT);
            awaitQuiet(ledger);
            long endMs = (System.nanoTime() - started) / 1_000_000;

            SoftAssertions softly = new SoftAssertions();
            for (String topic : TOPICS) {
                Map<String, List<DeadLetter>> byKey = ledger.byKey(topic);
                Map<String, Integer> duplicates = CampaignLedger.duplicates(byKey);
                System.out.printf("HostileCampaignKillIT: topic=%s seed=%d records=%d deadLettered=%d duplicates=%d runMs=%d reasons=%s%n",
                        topic, SEED, COUNT, byKey.size(), duplicates.values().stream().mapToInt(n -> n - 1).sum(), endMs,
                        CampaignLedger.reasonCodes(byKey));
                softly.assertThat(ledger.missing(topic, byKey, 0, COUNT)).as("%s: records never dead-lettered", topic).isEmpty();
                softly.assertThat(CampaignLedger.withoutReason(byKey)).as("%s: dead letters without a reason", topic).isEmpty();
            }
            softly.assertThat(TableFingerprint.changes(before, TableFingerprint.of(database))).as("tables changed by the campaign").isEmpty();
            String log = Files.readString(gateway.log());
            softly.assertThat(FailStopWatch.CODES.stream().filter(log::contains).toList()).as("fail-stop codes in " + gateway.log()).isEmpty();
            softly.assertAll();
        }

        assertThat(get("/q/health/live")).contains("\"status\": \"UP\"");
        aValidRecordOnEachTopicIsStillHandled();
    }

    private void aValidRecordOnEachTopicIsStillHandled() throws Exception {
        PositionSnapshot status = Snapshots.active(911, ACCOUNT, "XAUUSD", Side.BUY);
        send(Topics.COMMAND_RESULTS, "XAUUSD", GatewayKafka.write(Snapshots.result("kill-it-" + UUID.randomUUID(), "QueryStatus",
                ACCOUNT, "XAUUSD", CHAT, Outcome.STATUS, status)));
        PositionSnapshot activated = Snapshots.active(912, ACCOUNT, "XAUUSD", Side.SELL);
        send(Topics.POSITION_EVENTS, "XAUUSD", GatewayKafka.write(new PositionEvent(PositionEvent.eventId(912, activated.version()),
                PositionEventType.PositionActivated, 912, activated.version(), "kill-it", Instant.now(), activated)));
        String alertText = "after the kill -9 campaign " + UUID.randomUUID();
        send(Topics.ALERTS, "XAUUSD", GatewayKafka.write(new Alert(UUID.randomUUID().toString(), Alert.SIZE_MISMATCH, ACCOUNT, "paper",
                "XAUUSD", 913L, alertText, Map.of("venueQuantity", "1"), Instant.now())));
        double ticksBefore = appliedTicks();
        send(Topics.MARKET_TICKS, "GWKILL", GatewayKafka.write(tick("GWKILL")));

        await().atMost(PATIENCE).until(() -> sentToChatMentions("#911"));
        await().atMost(PATIENCE).until(() -> sentToChatMentions("#912"));
        await().atMost(PATIENCE).until(() -> sentToChatMentions(alertText));
        await().atMost(PATIENCE).until(() -> appliedTicks() > ticksBefore);
    }

    /** Done when every topic has at least a letter per record and none has arrived for ten seconds. */
    private static void awaitQuiet(CampaignLedger ledger) {
        AtomicLong last = new AtomicLong(-1);
        AtomicReference<Instant> changed = new AtomicReference<>(Instant.now());
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long total = TOPICS.stream().mapToLong(ledger::deadLettersSince).sum();
            if (total != last.getAndSet(total)) {
                changed.set(Instant.now());
            }
            boolean enough = TOPICS.stream().allMatch(t -> ledger.deadLettersSince(t) >= COUNT);
            return enough && changed.get().isBefore(Instant.now().minusSeconds(10))
                    || changed.get().isBefore(Instant.now().minusSeconds(90));
        });
    }

    /** Sends valid ticks until the running instance's price cache has applied one: its consumer reads from there on. */
    private static void awaitTickApplied() {
        double before = appliedTicks();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            send(Topics.MARKET_TICKS, "GWPRIME", GatewayKafka.write(tick("GWPRIME")));
            return appliedTicks() > before;
        });
    }

    private static Map<String, String> quietFingerprint(PostgresNode.Database database) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = TableFingerprint.of(database);
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    private static ServiceProcess gateway() {
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig("gateway"));
        config.put("positrack.telegram.api-base-url", standIn.baseUrl());
        config.put("positrack.telegram.bot-token", standIn.token());
        config.put("positrack.telegram.chats[0].id", Long.toString(CHAT));
        config.put("positrack.telegram.chats[0].account", ACCOUNT);
        config.put("positrack.telegram.polling.timeout", "2s");
        // kill -9 and restart of the container in its pod: the same name, so the restart resumes the killed consumers'
        // partitions at once (static membership) instead of waiting for their session to expire.
        config.put("positrack.kafka.instance-name", "gateway-kill-it-0");
        Path jar = Path.of(System.getProperty("positrack.telegram-gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        return ServiceProcess.of("gateway-hostile", jar, config, Path.of("target", "hostile-kill-it", "gateway.log"));
    }

    private static long subscriptions(PostgresNode.Database db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM subscriptions WHERE chat_id = " + CHAT)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double appliedTicks() {
        try {
            return io.positrack.infra.metrics.PrometheusText.sum(get("/q/metrics"), "positrack_consumer_records_total",
                    Map.of("outcome", "applied", "topic", "market-ticks"));
        } catch (Exception e) {
            return -1;
        }
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean sentToChatMentions(String text) {
        return standIn.sentTo(CHAT).stream().anyMatch(m -> m.plainText().contains(text));
    }

    /** A valid record, as its producer service writes it; returns once the broker has it. */
    private static void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    private static MarketTick tick(String symbol) {
        return new MarketTick(symbol, new BigDecimal("99"), new BigDecimal("101"), new BigDecimal("100"), Instant.now());
    }
}
