package io.positrack.signal.hostile;

import static io.positrack.signal.hostile.CampaignChecks.afterwards;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.fuzz.CampaignFigures;
import io.positrack.infra.fuzz.TableFingerprint;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * Issue 14, "no record can stop Positrack", for signal-service: a seeded campaign of hostile records on each of its
 * input topics is dead-lettered record by record, changes no row, stops no consumer, and valid records after it are
 * still handled. Seed and size: {@code -Dpositrack.hostile.seed=… -Dpositrack.hostile.count=…} (the size is set in the
 * root pom: 10,000 per topic under {@code -Pcampaign}, fewer in the default verify).
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class HostileCampaignTest {

    /** Watched in the test profile, ticked by no other test: the valid records after the campaign use it. */
    private static final String SYMBOL = "SESSUSD";

    @Inject
    MeterRegistry registry;

    @Test
    void everyHostileRecordOnEveryInputTopicIsDeadLetteredOnceChangesNoRowAndTheConsumersGoOn() {
        String bootstrap = PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers();
        PostgresNode.Database database = PositrackTestInfrastructure.infrastructure().postgres().database("signal");
        Map<String, String> before = CampaignChecks.quietFingerprint(database);
        Map<String, Double> acceptedBefore = accepted();
        SoftAssertions softly = new SoftAssertions();

        try (FailStopLog log = FailStopLog.attach(); GroupProgress progress = new GroupProgress(bootstrap);
                SignalCampaign campaign = new SignalCampaign(bootstrap, "positrack.hostile.count")) {
            long started = System.nanoTime();
            Map<String, CampaignFigures> figures = campaign.send(0, campaign.count);
            Map<String, Map<TopicPartition, Long>> ends = campaign.ends(progress);
            Map<String, Long> consumedMs = campaign.awaitConsumed(progress, ends, started, Duration.ofMinutes(15));

            for (String topic : SignalCampaign.TOPICS) {
                CampaignLetters letters = campaign.letters(topic, 0, campaign.count);
                campaign.print(getClass().getSimpleName(), figures.get(topic), figures.get(topic).elapsedMillis(),
                        consumedMs.get(topic), letters);
                CampaignChecks.deadLettered(softly, letters, true);
            }
            CampaignChecks.tablesUnchanged(softly, before, TableFingerprint.of(database));
            softly.assertThat(accepted()).as("records applied or skipped per topic during the campaign").isEqualTo(acceptedBefore);
            softly.assertThat(log.failStops()).as("fail-stop lines logged").isEmpty();

            afterwards(softly, "liveness", () -> given().get(ManagementInterface.url("/q/health/live")).then().statusCode(200).body("status", equalTo("UP")));
            try (ValidRecords valid = new ValidRecords(bootstrap, database, ServiceApi.inProcess(), SYMBOL)) {
                afterwards(softly, "bot-commands after the campaign", valid::botCommandsAreForwarded);
                afterwards(softly, "market-ticks after the campaign", valid::ticksMakeABar);
                afterwards(softly, "position-events after the campaign", valid::eventsOpenSessions);
            }
            softly.assertThat(log.failStops()).as("fail-stop lines logged").isEmpty();
        }
        softly.assertAll();
    }

    /** Records the pipeline applied or skipped, per input topic: a hostile record must be neither. */
    private Map<String, Double> accepted() {
        Map<String, Double> accepted = new java.util.TreeMap<>();
        for (String topic : SignalCampaign.TOPICS) {
            double sum = 0;
            for (String outcome : new String[] { "applied", "skipped" }) {
                Counter c = registry.find("positrack.consumer.records").tag("topic", topic).tag("outcome", outcome).counter();
                sum += c == null ? 0 : c.count();
            }
            accepted.put(topic, sum);
        }
        return accepted;
    }
}
