package io.positrack.position.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.TopicRecorder;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * Issue #14's findings, one by one: each of these records used to stop a consumer (and, after the rebalance,
 * every consumer of its topic) or to reach SQL. Now each is dead-lettered with its reason, changes nothing,
 * and the three consumers go on: a position opened afterwards is filled by a tick through the paper venue,
 * which needs position-commands, market-ticks and venue-events all consuming.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class HostileInputTest {

    private static final PositionTestClient kafka = PositionTestClient.get();
    private static TopicRecorder venueDeadLetters;
    private static TopicRecorder tickDeadLetters;

    @BeforeAll
    static void recordDeadLetters() {
        String bootstrap = PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers();
        venueDeadLetters = TopicRecorder.start(bootstrap, Topics.dlq(Topics.VENUE_EVENTS));
        tickDeadLetters = TopicRecorder.start(bootstrap, Topics.dlq(Topics.MARKET_TICKS));
    }

    @AfterAll
    static void stopRecording() {
        venueDeadLetters.close();
        tickDeadLetters.close();
    }

    @Test
    void recordsThatStoppedConsumersAreDeadLetteredAndEveryConsumerGoesOn() {
        String account = PositionTestClient.uniqueAccount("hostile");
        String symbol = "HOS" + account.substring(account.length() - 6).toUpperCase().replaceAll("[^A-Z0-9]", "X");
        String key = "hostile-" + account;
        String update = "{\"account\":\"" + account + "\",\"venue\":\"paper\",\"symbol\":\"" + symbol
                + "\",\"clientOrderId\":\"%s\",\"status\":\"FILLED\",\"filledQuantity\":\"%s\",\"averagePrice\":\"100\","
                + "\"transactionTime\":\"%s\"}";
        String report = "{\"type\":\"PositionReport\",\"reportId\":\"r-" + account + "-%s\",\"account\":\"" + account
                + "\",\"venue\":\"%s\",\"symbol\":\"%s\",\"side\":\"BUY\",\"quantity\":\"1\",\"complete\":true,\"asOf\":\"%s\"}";
        String now = java.time.Instant.now().toString();
        Map<String, String> venue = new LinkedHashMap<>();
        venue.put("the value is JSON null", "null");
        venue.put("null value", null);
        venue.put("clientOrderId is not one of Positrack's", update.formatted("pt-0-e-1", "1", now));
        venue.put("clientOrderId is not one of Positrack's ", update.formatted("pt-99999999999999999999-x-1", "1", now));
        venue.put("decimal has more than 20 integer digits", update.formatted("pt-1-e-1", "1e30", now));
        venue.put("outside 2000-01-01T00:00:00Z", update.formatted("pt-1-e-1", "1", "2999-01-01T00:00:00Z"));
        venue.put("symbol is missing or not a valid symbol", report.formatted("lower", "paper", symbol.toLowerCase(), now));
        venue.put("venue 'nowhere' is not configured here", report.formatted("venue", "nowhere", symbol, now));
        // Found by the seeded campaign (HostileCampaignTest): each passed the rules and reached the handler.
        String trade = ",\"tradeId\":\"t-" + account + "\"";
        venue.put("a fill needs a tradeId", update.formatted("pt-1-e-1", "1", now).replace("}", ",\"lastFilledQuantity\":\"1\"}"));
        venue.put("lastFilledPrice must be positive when present, was 0", update.formatted("pt-1-e-1", "1", now)
                .replace("}", trade + ",\"lastFilledPrice\":\"0\"}"));
        venue.put("entryPrice must be positive when present, was 0", report.formatted("entry", "paper", symbol, now)
                .replace("}", ",\"entryPrice\":\"0\"}"));
        Map<String, String> ticks = new LinkedHashMap<>();
        ticks.put("the value is JSON null", "null");
        ticks.put("empty value", "");
        ticks.put("decimal has more than 20 integer digits", "{\"symbol\":\"" + symbol + "\",\"bid\":\"1e21\",\"ask\":\"1e21\"}");
        ticks.put("'1e2147483646' is not a decimal", "{\"symbol\":\"" + symbol
                + "\",\"bid\":\"1\",\"ask\":\"2\",\"last\":\"1e2147483646\"}");
        byte[] noise = new byte[1_000_000];
        new Random(14).nextBytes(noise);
        // A String of the noise's ISO-8859-1 chars is re-encoded by the producer as UTF-8: ~1.5 MB would be over the
        // producer's limit, so the noise is kept to 7-bit characters: 1,000,000 bytes on the wire.
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (noise[i] & 0x7f);
        }

        venue.values().forEach(value -> kafka.sendRaw(Topics.VENUE_EVENTS, key, value));
        ticks.values().forEach(value -> kafka.sendRaw(Topics.MARKET_TICKS, key, value));
        kafka.sendRaw(Topics.POSITION_COMMANDS, key, new String(noise, StandardCharsets.US_ASCII));

        PositionCommand.OpenPosition open = PositionTestClient.open(account, symbol, Side.BUY, "1", null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        assertThat(kafka.resultsFor(open.commandId()).get(0).outcome()).isEqualTo(Outcome.OPENED);
        Database.awaitWorkingOnPaperBook("pt-" + kafka.resultsFor(open.commandId()).get(0).position().id() + "-e-1");
        kafka.tick(symbol, "100", "100.1");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE account = ? AND status IN ('PENDING_SL', 'ACTIVE')", account) == 1);

        assertDeadLettered(venueDeadLetters, key, venue, Topics.VENUE_EVENTS);
        assertDeadLettered(tickDeadLetters, key, ticks, Topics.MARKET_TICKS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.commandDeadLetters.matching(r -> key.equals(r.key())).isEmpty());
        ConsumerRecord<String, String> big = kafka.commandDeadLetters.matching(r -> key.equals(r.key())).get(0);
        assertThat(header(big, "dead-letter-reason-code")).isEqualTo("oversized");
        assertThat(header(big, "dead-letter-value-length")).isEqualTo("1000000");
        assertThat(header(big, "dead-letter-truncated")).isEqualTo("true");
        assertThat(big.value().length()).isEqualTo(16_384);

        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).as("only the valid open").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM venue_positions WHERE account = ?", account)).isZero();
        RestAssured.get(ManagementInterface.url("/q/health/live")).then().statusCode(200);
    }

    private static void assertDeadLettered(TopicRecorder letters, String key, Map<String, String> cases, String topic) {
        await().atMost(Duration.ofSeconds(30)).until(() -> letters.matching(r -> key.equals(r.key())).size() >= cases.size());
        List<ConsumerRecord<String, String>> found = letters.matching(r -> key.equals(r.key()));
        assertThat(found).hasSize(cases.size());
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            ConsumerRecord<String, String> letter = found.get(i++);
            assertThat(header(letter, "dead-letter-reason")).as(c.getValue()).contains(c.getKey().strip());
            assertThat(header(letter, "dead-letter-topic")).isEqualTo(topic);
            assertThat(header(letter, "dead-letter-service")).isEqualTo("position-service");
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
