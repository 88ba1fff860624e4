package io.positrack.signal.hostile;

import static io.positrack.signal.hostile.CampaignChecks.afterwards;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.fuzz.CampaignFigures;
import io.positrack.infra.fuzz.TableFingerprint;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.infra.security.TestKeys;

/**
 * Issue 14 with a crash: the packaged signal-service is killed (SIGKILL) in the middle of a campaign, the rest of the
 * campaign arrives while it is down, so at its restart every committed offset points at a hostile record. It must
 * dead-letter every record (at least once: what it refused but had not committed is refused again), change no row,
 * never fail-stop, and go on with valid records. Seed and size: {@code -Dpositrack.hostile.seed/kill-count} (the size is
 * set in the root pom, as for every service's kill run).
 */
class HostileCampaignKillIT {

    private static final String SYMBOL = "KILLUSD";
    /** Dead letters per topic before the kill: enough to be sure each consumer was in the middle of its work. */
    private static final int LETTERS_BEFORE_KILL = 100;

    private static LocalInfrastructure infra;
    private static ServiceProcess signalService;
    private static Path log;

    @BeforeAll
    static void start() throws IOException {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        log = Path.of("target", "hostile-kill-it", "signal-service.log");
        Files.deleteIfExists(log);
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig("signal"));
        config.putAll(TestKeys.config());
        // XAUUSD is the templates' symbol: watched, so a hostile tick that got through would make bars.
        config.put("positrack.signal.symbols", "XAUUSD," + SYMBOL);
        config.put("positrack.signal.instrument-defaults.bar-duration", "1s");
        signalService = ServiceProcess.of("signal-service", Path.of(System.getProperty("positrack.signal-service.jar",
                "target/quarkus-app/quarkus-run.jar")), config, log).start();
    }

    @AfterAll
    static void stop() {
        if (signalService != null) {
            signalService.kill();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aServiceKilledMidCampaignAndRestartedOnHostileOffsetsDeadLettersEveryRecordChangesNoRowAndGoesOn() {
        String bootstrap = infra.kafka().bootstrapServers();
        PostgresNode.Database database = infra.postgres().database("signal");
        Map<String, String> before = CampaignChecks.quietFingerprint(database);
        SoftAssertions softly = new SoftAssertions();

        try (GroupProgress progress = new GroupProgress(bootstrap); SignalCampaign campaign = new SignalCampaign(bootstrap, "positrack.hostile.kill-count")) {
            int half = campaign.count / 2;
            long started = System.nanoTime();
            CompletableFuture<Map<String, CampaignFigures>> firstHalf = CompletableFuture.supplyAsync(() -> campaign.send(0, half));
            await("some of the first half dead-lettered on every topic").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100)).until(() -> SignalCampaign.TOPICS.stream()
                            .allMatch(topic -> deadLetters(progress, topic) >= LETTERS_BEFORE_KILL));
            signalService.kill();
            long killedMs = (System.nanoTime() - started) / 1_000_000;
            Map<String, Long> lettersAtKill = new LinkedHashMap<>();
            SignalCampaign.TOPICS.forEach(topic -> lettersAtKill.put(topic, deadLetters(progress, topic)));
            Map<String, CampaignFigures> first = firstHalf.join();
            Map<String, CampaignFigures> second = campaign.send(half, campaign.count);
            Map<String, Map<TopicPartition, Long>> ends = campaign.ends(progress);
            ends.forEach((topic, end) -> softly.assertThat(progress.committed(end.keySet()).entrySet().stream()
                    .filter(c -> c.getValue() >= end.get(c.getKey())).toList())
                    .as("%s: partitions whose committed offset is not before a hostile record at the restart (end %s)", topic, end)
                    .isEmpty());

            long restarted = System.nanoTime();
            signalService.start();
            long startedMs = (System.nanoTime() - restarted) / 1_000_000;
            Map<String, Long> consumedMs = campaign.awaitConsumed(progress, ends, started, Duration.ofMinutes(10));

            System.out.printf("HostileCampaign: test=%s killedAtMs=%d deadLettersAtKill=%s restartMs=%d%n", getClass().getSimpleName(),
                    killedMs, lettersAtKill, startedMs);
            for (String topic : SignalCampaign.TOPICS) {
                CampaignLetters letters = campaign.letters(topic, 0, campaign.count);
                CampaignFigures a = first.get(topic);
                CampaignFigures b = second.get(topic);
                Map<io.positrack.infra.fuzz.HostileKind, Long> kinds = new java.util.EnumMap<>(io.positrack.infra.fuzz.HostileKind.class);
                kinds.putAll(a.recordsByKind());
                b.recordsByKind().forEach((k, n) -> kinds.merge(k, n, Long::sum));
                campaign.print(getClass().getSimpleName(), new CampaignFigures(topic, a.records() + b.records(), a.bytes() + b.bytes(),
                        Math.max(a.largestValueBytes(), b.largestValueBytes()), kinds, a.elapsedMillis() + b.elapsedMillis()),
                        a.elapsedMillis() + b.elapsedMillis(), consumedMs.get(topic), letters);
                CampaignChecks.deadLettered(softly, letters, false);
            }
            CampaignChecks.tablesUnchanged(softly, before, TableFingerprint.of(database));
            softly.assertThat(failStops()).as("fail-stop lines in %s", log).isEmpty();

            ServiceApi api = ServiceApi.onPorts(signalService.httpPort(), signalService.managementPort());
            afterwards(softly, "liveness", () -> api.request().get(api.management("/q/health/live")).then().statusCode(200).body("status", equalTo("UP")));
            try (ValidRecords valid = new ValidRecords(bootstrap, database, api, SYMBOL)) {
                afterwards(softly, "bot-commands after the restart", valid::botCommandsAreForwarded);
                afterwards(softly, "market-ticks after the restart", valid::ticksMakeABar);
                afterwards(softly, "position-events after the restart", valid::eventsOpenSessions);
            }
            softly.assertThat(failStops()).as("fail-stop lines in %s", log).isEmpty();
        }
        softly.assertAll();
    }

    /** Dead letters on the topic's DLQ so far (every letter here is signal-service's: nothing else runs). */
    private static long deadLetters(GroupProgress progress, String topic) {
        return progress.endOffsets(Topics.dlq(topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> failStops() {
        try {
            return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> FailStopLog.CODES.stream().anyMatch(line::contains)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
