package io.positrack.position.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.RunSize;
import io.positrack.infra.fuzz.CampaignFigures;
import io.positrack.infra.fuzz.HostileCampaign;
import io.positrack.infra.fuzz.HostileRecords;
import io.positrack.infra.fuzz.TableFingerprint;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * Issue #14's campaign for position-service: a seeded run of hostile records ({@link HostileRecords}) to each of its
 * input topics, {@code positrack.hostile.count} each (set in the root pom: 10,000 under {@code -Pcampaign}, fewer in
 * the default verify). Every one is dead-lettered exactly once with a reason, no row of any table
 * changes, nothing logs a fail-stop, and afterwards all three consumers still apply a valid open, its fill and its
 * activation. {@code -Dpositrack.hostile.seed=N -Dpositrack.hostile.count=N} to replay or resize a run.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class HostileCampaignTest {

    static final long SEED = Long.getLong("positrack.hostile.seed", 20261201L);
    static final int COUNT = RunSize.of("positrack.hostile.count");
    static final List<String> TOPICS = List.of(Topics.POSITION_COMMANDS, Topics.VENUE_EVENTS, Topics.MARKET_TICKS);

    @Test
    void everyHostileRecordOnEveryInputTopicIsDeadLetteredOnceChangesNoRowAndStopsNoConsumer() {
        String bootstrap = PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers();
        PostgresNode.Database db = PositrackTestInfrastructure.infrastructure().postgres().database("position");
        HostileRecords generator = new HostileRecords(SEED, "hc-" + SEED);
        RestAssured.get(ManagementInterface.url("/q/health/ready")).then().statusCode(200);
        Map<String, String> before = quietFingerprint(db);
        Map<String, Map<Integer, Long>> startOffsets = new LinkedHashMap<>();
        Map<String, Double> lettersBefore = new LinkedHashMap<>();
        Map<String, Double> processedBefore = new LinkedHashMap<>();
        TOPICS.forEach(topic -> {
            startOffsets.put(topic, CampaignLetters.endOffsets(bootstrap, topic));
            String metrics = metrics();
            lettersBefore.put(topic, counted(metrics, topic, "dead_lettered"));
            processedBefore.put(topic, processed(metrics, topic));
        });

        Map<String, CampaignFigures> sent = new LinkedHashMap<>();
        Map<String, Long> deadLetteredMs = new TreeMap<>();
        Map<String, Double> accepted = new TreeMap<>();
        long started = System.nanoTime();
        try (FailStopWatch watch = FailStopWatch.attach(); HostileCampaign campaign = new HostileCampaign(bootstrap, generator)) {
            for (String topic : TOPICS) {
                sent.put(topic, campaign.send(topic, COUNT));
            }
            // The service counts every record it is through with (dead-lettered, applied or skipped): a cheap signal
            // that each topic is done, and a record it accepted shows as one that was not dead-lettered. The
            // letters themselves are read and judged below.
            try {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    String metrics = metrics();
                    TOPICS.stream().filter(t -> !deadLetteredMs.containsKey(t))
                            .filter(t -> counted(metrics, t, "dead_lettered") - lettersBefore.get(t) >= COUNT)
                            .forEach(t -> deadLetteredMs.put(t, (System.nanoTime() - started) / 1_000_000));
                    TOPICS.forEach(t -> accepted.put(t, processed(metrics, t) - processedBefore.get(t)
                            - (counted(metrics, t, "dead_lettered") - lettersBefore.get(t))));
                    return TOPICS.stream().allMatch(t -> processed(metrics, t) - processedBefore.get(t) >= COUNT);
                });
            } catch (ConditionTimeoutException e) {
                // The assertions on the letters below say which records are missing.
            }

            for (String topic : TOPICS) {
                CampaignFigures figures = sent.get(topic);
                System.out.printf("HostileCampaign: topic=%s seed=%d records=%d bytes=%d largest=%d sentMs=%d deadLetteredMs=%s"
                        + " accepted=%.0f%n", topic, SEED, figures.records(), figures.bytes(), figures.largestValueBytes(),
                        figures.elapsedMillis(), deadLetteredMs.getOrDefault(topic, -1L), accepted.getOrDefault(topic, 0.0));
                System.out.printf("HostileCampaign: topic=%s kinds=%s%n", topic, new TreeMap<>(figures.recordsByKind()));
            }
            for (String topic : TOPICS) {
                CampaignLetters letters = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(5))
                        .until(() -> CampaignLetters.read(bootstrap, generator, topic, COUNT, startOffsets.get(topic)),
                                l -> l.lettered() == COUNT);
                assertThat(letters.duplicates()).as("records of %s dead-lettered more than once", topic).isEmpty();
                assertThat(letters.unexplained()).as("letters of %s without a reason or origin", topic).isEmpty();
            }
            Map<String, String> after = TableFingerprint.of(db);
            assertThat(TableFingerprint.changes(before, after)).as("tables changed by the campaign").isEmpty();
            assertThat(watch.seen()).as("log records the watch saw (it was listening)").isPositive();
            assertThat(watch.failStops()).as("fail-stop or failure logged").isEmpty();
        } catch (ConditionTimeoutException e) {
            // Not every record has its letter: name, per topic, how many and the first ones that have none.
            Map<String, List<String>> missing = new LinkedHashMap<>();
            for (String topic : TOPICS) {
                CampaignLetters letters = CampaignLetters.read(bootstrap, generator, topic, COUNT, startOffsets.get(topic));
                if (letters.missingCount() > 0) {
                    missing.put(topic + " (" + letters.missingCount() + " records)", letters.missing(12));
                }
            }
            assertThat(missing).as("records not dead-lettered, the first of each topic").isEmpty();
            throw e;
        }

        RestAssured.get(ManagementInterface.url("/q/health/live")).then().statusCode(200);
        String account = PositionTestClient.uniqueAccount("hc-after");
        ConsumersGoOn.prove(PositionTestClient.get(), Database::count, account,
                "HC" + account.substring(account.length() - 6).toUpperCase().replaceAll("[^A-Z0-9]", "X"));
    }

    /**
     * The fingerprint once two taken a second apart agree: other test classes' leftovers (outbox rows being
     * published, orders being swept) may still be moving when this class starts.
     */
    private static Map<String, String> quietFingerprint(PostgresNode.Database db) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(TableFingerprint.of(db));
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = TableFingerprint.of(db);
            return now.equals(last.getAndSet(now)) ? now : null;
        }, fingerprint -> fingerprint != null);
    }

    private static String metrics() {
        return RestAssured.get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
    }

    /** Records of the topic the service is through with, whatever the outcome. */
    private static double processed(String metrics, String topic) {
        return counted(metrics, topic, "dead_lettered") + counted(metrics, topic, "applied") + counted(metrics, topic, "skipped");
    }

    private static double counted(String metrics, String topic, String outcome) {
        return io.positrack.infra.metrics.PrometheusText.sum(metrics, "positrack_consumer_records_total",
                Map.of("outcome", outcome, "topic", topic));
    }
}
