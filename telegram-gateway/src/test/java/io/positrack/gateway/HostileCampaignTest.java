package io.positrack.gateway;

import static io.positrack.gateway.support.TestChats.CAMPAIGN;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.gateway.notify.MarketPrices;
import io.positrack.gateway.support.CampaignLedger;
import io.positrack.gateway.support.FailStopWatch;
import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Snapshots;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.gateway.support.TestChats;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.RunSize;
import io.positrack.infra.fuzz.CampaignFigures;
import io.positrack.infra.fuzz.DeadLetter;
import io.positrack.infra.fuzz.HostileCampaign;
import io.positrack.infra.fuzz.HostileRecords;
import io.positrack.infra.fuzz.TableFingerprint;
import io.positrack.infra.fuzz.ValidTemplates;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * Issue #14 for the gateway: a seeded campaign of hostile records on each topic it consumes ends with every record
 * dead-lettered exactly once by the gateway with a reason, no table changed, no fail-stop logged, the service live,
 * and a valid record on each topic still handled. Seed and count: {@code -Dpositrack.hostile.seed},
 * {@code -Dpositrack.hostile.count}; the figures for the note are printed as {@code HostileCampaign:} lines.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class HostileCampaignTest {

    static final long SEED = Long.getLong("positrack.hostile.seed", 20261201L);
    /** Records per topic, set in the root pom (10,000 under -Pcampaign, fewer in the default verify). */
    static final int COUNT = RunSize.of("positrack.hostile.count");
    static final List<String> TOPICS = List.of(Topics.COMMAND_RESULTS, Topics.POSITION_EVENTS, Topics.ALERTS, Topics.MARKET_TICKS);

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Waiting ends early when no dead letter has arrived for this long after the last record was sent. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();
    private final String account = TestChats.account(CAMPAIGN);
    private final String bootstrap = PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers();
    private final PostgresNode.Database database = PositrackTestInfrastructure.infrastructure().postgres().database("gateway");

    @Inject
    MarketPrices prices;

    @Test
    void everyHostileRecordIsDeadLetteredOnceNoTableChangesAndEveryConsumerGoesOn() {
        subscribe();
        primePriceCache();
        Map<String, String> before = quietFingerprint();
        HostileRecords generator = new HostileRecords(SEED, "gw-" + SEED);
        SoftAssertions softly = new SoftAssertions();

        try (FailStopWatch failStops = FailStopWatch.install();
                CampaignLedger ledger = new CampaignLedger(bootstrap, generator, TOPICS);
                HostileCampaign campaign = new HostileCampaign(bootstrap, generator)) {
            Map<String, Long> sendStarted = new ConcurrentHashMap<>();
            Map<String, CampaignFigures> figures = new ConcurrentHashMap<>();
            // Sent from another thread, so that a topic's letters are timed while the next topic is still being sent.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> TOPICS.forEach(topic -> {
                sendStarted.put(topic, System.nanoTime());
                figures.put(topic, campaign.send(topic, COUNT));
            }));
            Map<String, Long> deadLetteredMs = awaitDeadLetters(ledger, sendStarted, sending);
            sending.join();

            for (String topic : TOPICS) {
                Map<String, List<DeadLetter>> byKey = ledger.byKey(topic);
                CampaignFigures sent = figures.get(topic);
                System.out.printf("HostileCampaign: topic=%s seed=%d records=%d bytes=%d largest=%d sentMs=%d deadLetteredMs=%s%n", topic,
                        SEED, sent.records(), sent.bytes(), sent.largestValueBytes(), sent.elapsedMillis(),
                        deadLetteredMs.getOrDefault(topic, -1L));
                System.out.printf("HostileCampaign: topic=%s kinds=%s reasons=%s%n", topic, new TreeMap<>(sent.recordsByKind()),
                        CampaignLedger.reasonCodes(byKey));
                softly.assertThat(ledger.missing(topic, byKey, 0, COUNT)).as("%s: records accepted (no dead letter)", topic).isEmpty();
                softly.assertThat(CampaignLedger.duplicates(byKey)).as("%s: records dead-lettered more than once", topic).isEmpty();
                softly.assertThat(CampaignLedger.withoutReason(byKey)).as("%s: dead letters without a reason", topic).isEmpty();
            }
            Map<String, String> after = TableFingerprint.of(database);
            softly.assertThat(TableFingerprint.changes(before, after)).as("tables changed by the campaign").isEmpty();
            softly.assertThat(failStops.seen()).as("fail-stop log lines").isEmpty();
        }
        softly.assertThat(standIn.sentMessages().stream().filter(m -> m.text().contains("gw-" + SEED)
                || m.chatId() == ValidTemplates.UNLISTED_CHAT_ID).toList()).as("messages sent for hostile records").isEmpty();
        softly.assertAll();

        given().get(ManagementInterface.url("/q/health/live")).then().statusCode(200).body("status", is("UP"));
        aValidRecordOnEachTopicIsStillHandled();
    }

    /**
     * Waits until each topic has as many new dead letters as records sent, or until none has arrived for
     * {@link #STALLED} after the last send (then the assertions name what is missing). Returns, per topic that got
     * there, the milliseconds from the start of its send.
     */
    private Map<String, Long> awaitDeadLetters(CampaignLedger ledger, Map<String, Long> sendStarted, CompletableFuture<Void> sending) {
        Map<String, Long> done = new LinkedHashMap<>();
        AtomicLong lastTotal = new AtomicLong(-1);
        AtomicReference<Instant> lastProgress = new AtomicReference<>(Instant.now());
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long total = 0;
            for (String topic : TOPICS) {
                long letters = ledger.deadLettersSince(topic);
                total += letters;
                if (!done.containsKey(topic) && sendStarted.containsKey(topic) && letters >= COUNT) {
                    done.put(topic, (System.nanoTime() - sendStarted.get(topic)) / 1_000_000);
                }
            }
            if (total != lastTotal.getAndSet(total) || !sending.isDone()) {
                lastProgress.set(Instant.now());
            }
            return done.size() == TOPICS.size() || lastProgress.get().isBefore(Instant.now().minus(STALLED));
        });
        return done;
    }

    private void aValidRecordOnEachTopicIsStillHandled() {
        kafka.sendResult(Snapshots.result("campaign-" + UUID.randomUUID(), "QueryStatus", account, "XAUUSD", CAMPAIGN, Outcome.STATUS,
                Snapshots.active(901, account, "XAUUSD", Side.BUY)));
        PositionSnapshot activated = Snapshots.active(902, account, "XAUUSD", Side.SELL);
        kafka.sendEvent(new PositionEvent(PositionEvent.eventId(activated.id(), activated.version()), PositionEventType.PositionActivated,
                activated.id(), activated.version(), "campaign", Instant.now(), activated));
        String alertText = "after the hostile campaign " + UUID.randomUUID();
        kafka.sendRaw(Topics.ALERTS, "XAUUSD", GatewayKafka.write(new Alert(UUID.randomUUID().toString(), Alert.SIZE_MISMATCH, account,
                "paper", "XAUUSD", 903L, alertText, Map.of("venueQuantity", "1"), Instant.now())));
        kafka.sendRaw(Topics.MARKET_TICKS, "GWCAMP", GatewayKafka.write(tick("GWCAMP", "2345.67")));

        await().atMost(PATIENCE).until(() -> sentToCampaignChatMentions("#901"));
        await().atMost(PATIENCE).until(() -> sentToCampaignChatMentions("#902"));
        await().atMost(PATIENCE).until(() -> sentToCampaignChatMentions(alertText));
        await().atMost(PATIENCE).until(() -> prices.lastPrice("GWCAMP").map(p -> p.compareTo(new BigDecimal("2345.67")) == 0).orElse(false));
    }

    /** Two fingerprints in a row that agree: nothing else is writing, so a difference afterwards is the campaign's. */
    private Map<String, String> quietFingerprint() {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = TableFingerprint.of(database);
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    /** The price cache starts at the end of market-ticks: tick until its consumer is known to be reading. */
    private void primePriceCache() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            kafka.sendRaw(Topics.MARKET_TICKS, "GWPRIME", GatewayKafka.write(tick("GWPRIME", "100")));
            return prices.lastPrice("GWPRIME").isPresent();
        });
    }

    private void subscribe() {
        if (GatewayDatabase.count("SELECT count(*) FROM subscriptions WHERE chat_id = ?", CAMPAIGN) == 0) {
            standIn.sendUserMessage(CAMPAIGN, 68, "/start");
            await().atMost(PATIENCE).until(() -> GatewayDatabase.count("SELECT count(*) FROM subscriptions WHERE chat_id = ?", CAMPAIGN) == 1);
        }
    }

    private boolean sentToCampaignChatMentions(String text) {
        return standIn.sentTo(CAMPAIGN).stream().anyMatch(m -> m.plainText().contains(text));
    }

    private static MarketTick tick(String symbol, String last) {
        BigDecimal price = new BigDecimal(last);
        return new MarketTick(symbol, price.subtract(BigDecimal.ONE), price.add(BigDecimal.ONE), price, Instant.now());
    }
}
