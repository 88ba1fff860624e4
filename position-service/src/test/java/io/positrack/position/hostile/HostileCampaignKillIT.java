package io.positrack.position.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.RunSize;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.fuzz.CampaignFigures;
import io.positrack.infra.fuzz.HostileCampaign;
import io.positrack.infra.fuzz.HostileRecords;
import io.positrack.infra.fuzz.TableFingerprint;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.support.RunRecord;

/**
 * {@link HostileCampaignTest}'s campaign against the packaged service, killed by SIGKILL in the middle: half of
 * it is sent while the service runs, the service is killed once some of it has been dead-lettered and every
 * partition has a committed offset, the other half is sent while it is down (so at the restart its committed
 * offsets point at hostile records), and the service is started again. It ends as the campaign without a kill
 * does, except that records in flight at the kill may be dead-lettered twice (at least once, counted).
 * Records per topic: {@code positrack.hostile.kill-count}, set in the root pom (10,000 under {@code -Pcampaign},
 * fewer in the default verify); {@code -Dpositrack.hostile.kill-count=N} to resize a run.
 */
class HostileCampaignKillIT {

    private static final long SEED = Long.getLong("positrack.hostile.seed", 20261201L);
    private static final int COUNT = RunSize.of("positrack.hostile.kill-count");
    private static final String GROUP = "position-service";
    private static final List<String> TOPICS = HostileCampaignTest.TOPICS;
    private static final Path LOG = Path.of("target", "hostile-kill-it", "position-service.log");

    private static LocalInfrastructure infra;
    private static PostgresNode.Database db;
    private static ServiceProcess service;
    private static PositionTestClient client;
    private static RunRecord run;

    @BeforeAll
    static void start() throws IOException {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        db = infra.postgres().database("hostilekill");
        Files.deleteIfExists(LOG);
        Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
        service = ServiceProcess.of("position-service", jar, infra.quarkusConfig("hostilekill"), LOG).start();
        client = PositionTestClient.connect(infra.kafka().bootstrapServers());
        run = new RunRecord(db, client);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (service != null) {
            service.stop();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aServiceKilledMidCampaignDeadLettersTheHostileRecordsAtItsCommittedOffsetsAndEndsTheSame() throws Exception {
        String bootstrap = infra.kafka().bootstrapServers();
        HostileRecords generator = new HostileRecords(SEED, "hk-" + SEED);
        int half = COUNT / 2;
        Map<String, String> before = quietFingerprint();
        Map<String, Map<Integer, Long>> startOffsets = new LinkedHashMap<>();
        TOPICS.forEach(topic -> startOffsets.put(topic, CampaignLetters.endOffsets(bootstrap, topic)));

        Map<String, CampaignFigures[]> sent = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> committedAtKill;
        Map<String, Map<Integer, Long>> lettersFromRestart = new LinkedHashMap<>();
        Map<String, Integer> letteredAtKill = new LinkedHashMap<>();
        long started = System.nanoTime();
        long killedMs;
        long restartedMs;
        try (HostileCampaign campaign = new HostileCampaign(bootstrap, generator)) {
            for (String topic : TOPICS) {
                sent.put(topic, new CampaignFigures[] { campaign.send(topic, 0, half), null });
            }
            // A partition without a committed offset would start at "latest" (market-ticks) after the restart and
            // skip what was sent meanwhile: kill only once every partition of every topic has one.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<String, Map<Integer, Long>> committed = committedOffsets(bootstrap);
                return TOPICS.stream().allMatch(t -> committed.get(t).size() == startOffsets.get(t).size());
            });
            service.kill();
            killedMs = (System.nanoTime() - started) / 1_000_000;
            committedAtKill = committedOffsets(bootstrap);
            for (String topic : TOPICS) {
                letteredAtKill.put(topic, CampaignLetters.read(bootstrap, generator, topic, COUNT, startOffsets.get(topic)).lettered());
                lettersFromRestart.put(topic, CampaignLetters.endOffsets(bootstrap, Topics.dlq(topic)));
                sent.get(topic)[1] = campaign.send(topic, half, COUNT);
            }
        }
        service.start(Duration.ofSeconds(120));
        restartedMs = (System.nanoTime() - started) / 1_000_000;

        Map<String, CampaignLetters> letters = new LinkedHashMap<>();
        Map<String, Long> deadLetteredMs = new TreeMap<>();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                for (String topic : TOPICS) {
                    if (!deadLetteredMs.containsKey(topic)) {
                        CampaignLetters read = CampaignLetters.read(bootstrap, generator, topic, COUNT, startOffsets.get(topic));
                        letters.put(topic, read);
                        if (read.lettered() == COUNT) {
                            deadLetteredMs.put(topic, (System.nanoTime() - started) / 1_000_000);
                        }
                    }
                }
                return deadLetteredMs.size() == TOPICS.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // The figures are printed and the missing records named below.
        }

        for (String topic : TOPICS) {
            CampaignFigures[] parts = sent.get(topic);
            CampaignLetters read = letters.get(topic);
            System.out.printf("HostileCampaignKillIT: topic=%s seed=%d records=%d bytes=%d largest=%d sentMs=%d+%d "
                    + "letteredAtKill=%d killedMs=%d restartedMs=%d deadLetteredMs=%d duplicates=%d (records %d) missing=%d%n", topic,
                    SEED, parts[0].records() + parts[1].records(), parts[0].bytes() + parts[1].bytes(),
                    Math.max(parts[0].largestValueBytes(), parts[1].largestValueBytes()), parts[0].elapsedMillis(),
                    parts[1].elapsedMillis(), letteredAtKill.get(topic), killedMs, restartedMs, deadLetteredMs.getOrDefault(topic, -1L),
                    read.duplicateLetters(), read.duplicates().size(), read.missingCount());
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        letters.forEach((topic, read) -> {
            if (read.missingCount() > 0) {
                missing.put(topic + " (" + read.missingCount() + " records)", read.missing(12));
            }
        });
        assertThat(missing).as("records not dead-lettered, the first of each topic").isEmpty();
        for (String topic : TOPICS) {
            CampaignLetters read = letters.get(topic);
            assertThat(read.ofDifferentOrigins()).as("letters of %s under one key from two records", topic).isEmpty();
            assertThat(read.unexplained()).as("letters of %s without a reason or origin", topic).isEmpty();
            // The restarted service began at its committed offsets, each on a hostile record: it dead-lettered it.
            committedAtKill.get(topic).forEach((partition, offset) -> assertThat(
                    read.letteredAt(partition, offset, lettersFromRestart.get(topic)))
                    .as("%s-%d@%d (committed at the kill) dead-lettered after the restart", topic, partition, offset).isTrue());
        }
        assertThat(TableFingerprint.changes(before, TableFingerprint.of(db))).as("tables changed by the campaign").isEmpty();
        String log = Files.readString(LOG);
        assertThat(log).as("the service's log").contains("Dead-lettering");
        assertThat(FailStopWatch.CODES).as("fail-stop or failure in " + LOG).allMatch(code -> !log.contains(code));
        assertThat(live()).as("/q/health/live").isEqualTo(200);
        String account = PositionTestClient.uniqueAccount("hk-after");
        ConsumersGoOn.prove(client, run::count, account,
                "HK" + account.substring(account.length() - 6).toUpperCase().replaceAll("[^A-Z0-9]", "X"));
    }

    /** Committed offsets of the service's group, per input topic and partition (partitions without one left out). */
    private static Map<String, Map<Integer, Long>> committedOffsets(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get();
            Map<String, Map<Integer, Long>> byTopic = new LinkedHashMap<>();
            TOPICS.forEach(t -> byTopic.put(t, new TreeMap<>()));
            offsets.forEach((tp, offset) -> {
                if (offset != null && byTopic.containsKey(tp.topic())) {
                    byTopic.get(tp.topic()).put(tp.partition(), offset.offset());
                }
            });
            return byTopic;
        }
    }

    private static Map<String, String> quietFingerprint() {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(TableFingerprint.of(db));
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = TableFingerprint.of(db);
            return now.equals(last.getAndSet(now)) ? now : null;
        }, fingerprint -> fingerprint != null);
    }

    private static int live() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/live")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
