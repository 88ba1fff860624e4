package io.positrack.position.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
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
import io.restassured.path.json.JsonPath;
import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.security.TestKeys;

/**
 * Issue #14: no outbox row can stop the relay. A row too large to send and a row for a topic Kafka refuses
 * (an invalid name, refused at once) sit in front of ordinary rows and commands; they are set aside, and
 * everything behind them is published in order.
 *
 * <p>A topic that merely does not exist is not tested here: with automatic topic creation off, the producer
 * waits {@code max.block.ms} (60 s) for its metadata and fails with a {@code TimeoutException}, a transient
 * failure: such a row is sent again until the topic is created, not set aside.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class OutboxSetAsideTest {

    private static final String INVALID_TOPIC = "no such topic!";

    private final PositionTestClient kafka = PositionTestClient.get();
    private final TopicRecorder alerts = TopicRecorder.start(PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers(),
            Topics.ALERTS);
    private final List<Long> inserted = new ArrayList<>();

    @AfterEach
    void removeTheRowsThisTestSetAside() throws Exception {
        alerts.close();
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE seq = ANY(?)")) {
            s.setArray(1, c.createArrayOf("bigint", inserted.toArray()));
            s.executeUpdate();
        }
    }

    @Test
    void anOversizedRowAndARowForAnInvalidTopicAreSetAsideAndEverythingBehindThemIsPublishedInOrder() throws Exception {
        String account = PositionTestClient.uniqueAccount("aside");
        String key = "ASIDE" + account.substring(account.length() - 4).toUpperCase();
        double oversizedBefore = counter("position-events");
        double invalidBefore = counter("other");

        // One transaction, so the relay sees them together, in this seq order, in front of later traffic.
        long first, oversized, second, invalid, third;
        try (Connection c = Database.connect()) {
            c.setAutoCommit(false);
            first = insert(c, Topics.POSITION_EVENTS, key, account, 1, 0);
            oversized = insert(c, Topics.POSITION_EVENTS, key, account, 2, 1_200_000);
            second = insert(c, Topics.POSITION_EVENTS, key, account, 3, 0);
            invalid = insert(c, INVALID_TOPIC, key, account, 4, 0);
            third = insert(c, Topics.POSITION_EVENTS, key, account, 5, 0);
            c.commit();
        }
        // Ordinary traffic behind them: commands whose answers must arrive.
        PositionCommand.OpenPosition open = PositionTestClient.open(account, key, Side.BUY, "1", null, null);
        kafka.sendCommand(open);

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        assertThat(kafka.resultsFor(open.commandId()).get(0).outcome()).isEqualTo(Outcome.OPENED);
        await().atMost(Duration.ofSeconds(30)).until(() -> published(key).size() >= 3);
        assertThat(published(key)).as("a plain consumer sees the rows behind the refused ones, in order").containsExactly(1, 3, 5);
        assertThat(Database.count("SELECT count(*) FROM outbox WHERE seq IN (?, ?, ?) AND published_at IS NOT NULL", first, second, third))
                .isEqualTo(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(
                "SELECT count(*) FROM outbox WHERE seq IN (?, ?) AND set_aside_at IS NOT NULL AND published_at IS NULL", oversized, invalid) == 2);
        assertThat(reason(oversized)).contains("1200", "max-record-bytes (1000000)", "not sent");
        assertThat(reason(invalid)).startsWith("refused by Kafka: InvalidTopicException");

        assertThat(counter("position-events")).isEqualTo(oversizedBefore + 1);
        assertThat(counter("other")).as("a topic that is none of ours is tagged 'other'").isEqualTo(invalidBefore + 1);

        JsonPath audit = given().auth().oauth2(TestKeys.ADMIN.value()).get("/admin/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> listed = audit.getList("checks.find { it.check == 'set_aside_rows' }.rows");
        assertThat(audit.getLong("checks.find { it.check == 'set_aside_rows' }.count")).isGreaterThanOrEqualTo(2);
        Map<String, Object> row = listed.stream().filter(r -> ((Number) r.get("seq")).longValue() == oversized).findFirst().orElseThrow();
        assertThat(row).containsOnlyKeys("seq", "topic", "key", "type", "reason", "set_aside_at")
                .containsEntry("topic", Topics.POSITION_EVENTS).containsEntry("key", key).containsEntry("type", "test.SetAside");
        assertThat(listed).anySatisfy(r -> assertThat(((Number) r.get("seq")).longValue()).isEqualTo(invalid));

        await().atMost(Duration.ofSeconds(30)).until(() -> alertsFor(account).size() >= 2);
        List<ConsumerRecord<String, String>> raised = alertsFor(account);
        assertThat(raised).hasSize(2).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.value()).doesNotContain("xxxxxxxxxx");
        });
        Alert alert = PositionTestClient.read(raised.get(0).value(), Alert.class);
        assertThat(alert.type()).isEqualTo(Alert.OUTBOX_ROW_SET_ASIDE);
        assertThat(alert.account()).isEqualTo(account);
        assertThat(raised).extracting(r -> PositionTestClient.read(r.value(), Alert.class).details().get("seq"))
                .containsExactlyInAnyOrder(Long.toString(oversized), Long.toString(invalid));
    }

    /** An outbox row like the service's own, with a marker {@code n} and optionally {@code padding} bytes of filler. */
    private long insert(Connection c, String topic, String key, String account, int n, int padding) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, headers)
                VALUES (gen_random_uuid(), ?, ?, 'test.SetAside',
                        jsonb_build_object('account', ?::text, 'symbol', ?::text, 'n', ?::int, 'filler', repeat('x', ?)),
                        jsonb_build_object('ce_id', 'set-aside-' || ?::text || '-' || ?::int, 'ce_type', 'test.SetAside'))
                RETURNING seq""")) {
            s.setString(1, topic);
            s.setString(2, key);
            s.setString(3, account);
            s.setString(4, key);
            s.setInt(5, n);
            s.setInt(6, padding);
            s.setString(7, account);
            s.setInt(8, n);
            ResultSet rs = s.executeQuery();
            rs.next();
            inserted.add(rs.getLong(1));
            return rs.getLong(1);
        }
    }

    /** The markers of the test rows a plain consumer of position-events has seen for this key, in arrival order. */
    private List<Integer> published(String key) {
        return kafka.events.matching(r -> key.equals(r.key()) && r.value().contains("\"n\"")).stream()
                .map(r -> PositionTestClient.read(r.value(), Map.class).get("n")).map(n -> ((Number) n).intValue()).toList();
    }

    private List<ConsumerRecord<String, String>> alertsFor(String account) {
        return alerts.matching(r -> r.value().contains(Alert.OUTBOX_ROW_SET_ASIDE) && r.value().contains("\"" + account + "\""));
    }

    private static String reason(long seq) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("SELECT set_aside_reason FROM outbox WHERE seq = ?")) {
            s.setLong(1, seq);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    private static double counter(String topic) {
        String metrics = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^positrack_outbox_set_aside_total\\{[^}]*topic=\"" + Pattern.quote(topic) + "\"[^}]*} ([0-9.eE+-]+)$")
                .matcher(metrics);
        assertThat(m.find()).as("counter registered at zero for " + topic).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
