package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I11: bad input goes to the dead-letter topic with its reason, changes nothing, and the consumer goes on. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class DeadLetterTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void everyKindOfBadCommandIsDeadLetteredWithItsReasonAndChangesNothing() {
        String account = PositionTestClient.uniqueAccount("i11");
        String open = "{\"type\":\"OpenPosition\",\"commandId\":\"%s\",\"account\":\"" + account
                + "\",\"venue\":\"paper\",\"symbol\":\"%s\",\"side\":\"%s\",\"quantity\":\"%s\"%s}";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("not JSON", "{not json " + account);
        cases.put("not a JSON object", "[\"" + account + "\"]");
        cases.put("type is missing", "{\"commandId\":\"c0\",\"account\":\"" + account + "\"}");
        cases.put("unknown PositionCommand type 'LaunchRocket'", "{\"type\":\"LaunchRocket\",\"account\":\"" + account + "\"}");
        cases.put("commandId is required", open.formatted("", "XAUUSD", "BUY", "1", ""));
        cases.put("side is required", "{\"type\":\"OpenPosition\",\"commandId\":\"" + account + "-ns\",\"account\":\"" + account
                + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\",\"quantity\":\"1\"}");
        cases.put("quantity must be positive", open.formatted(account + "-neg", "XAUUSD", "BUY", "-1", ""));
        cases.put("quantity must be positive, was 0", open.formatted(account + "-zero", "XAUUSD", "BUY", "0", ""));
        cases.put("exceeds the limit", open.formatted(account + "-huge", "XAUUSD", "BUY", "99999999", ""));
        cases.put("is not a valid symbol", open.formatted(account + "-sym", "xau usd;DROP", "BUY", "1", ""));
        cases.put("is absurd", open.formatted(account + "-abs", "XAUUSD", "BUY", "1", ",\"stopLoss\":\"1e12\""));
        cases.put("wrong sides", open.formatted(account + "-sides", "XAUUSD", "BUY", "1",
                ",\"stopLoss\":\"2100\",\"takeProfit\":\"2000\""));
        cases.put("venue 'nowhere' is not configured here", "{\"type\":\"OpenPosition\",\"commandId\":\"" + account
                + "-venue\",\"account\":\"" + account + "\",\"venue\":\"nowhere\",\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"quantity\":\"1\"}");
        cases.put("malformed PositionCommand: field 'side'", open.formatted(account + "-side", "XAUUSD", "SIDEWAYS", "1", ""));
        // The strict wire reader (issue #14): each of these was accepted, or threw inside the consumer, before.
        cases.put("field 'quantity': decimal has more than 20 integer digits", open.formatted(account + "-exp", "XAUUSD", "BUY", "1e99", ""));
        cases.put("field 'quantity': '111111111111", open.formatted(account + "-60", "XAUUSD", "BUY", "1".repeat(60), ""));
        cases.put("field 'quantity': '1e2147483647' is not a decimal", open.formatted(account + "-exp2", "XAUUSD", "BUY", "1e2147483647", ""));
        cases.put("field 'quantity': '1 ' is not a decimal", open.formatted(account + "-ws", "XAUUSD", "BUY", "1 ", ""));
        cases.put("field 'quantity': a decimal travels as a string", "{\"type\":\"OpenPosition\",\"commandId\":\"" + account
                + "-num\",\"account\":\"" + account + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"quantity\":1}");
        cases.put("field 'positionId'", "{\"type\":\"ClosePosition\",\"commandId\":\"" + account + "-frac\",\"account\":\""
                + account + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\",\"positionId\":42.9}");
        cases.put("field 'issuedAt': an instant travels as an ISO-8601 string", "{\"type\":\"ClosePosition\",\"commandId\":\""
                + account + "-iat\",\"account\":\"" + account + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\",\"issuedAt\":1764583200}");
        cases.put("field 'commandId': expected a string", "{\"type\":\"ClosePosition\",\"commandId\":7,\"account\":\"" + account
                + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\"}");

        cases.values().forEach(value -> kafka.sendRaw(Topics.POSITION_COMMANDS, "XAUUSD", value));
        // The consumer keeps going: a valid command after all of them is applied.
        PositionCommand.OpenPosition valid = PositionTestClient.open(account, "XAUUSD", Side.BUY, "1", null, null);
        kafka.sendCommand(valid);

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(valid.commandId()).isEmpty());
        assertThat(kafka.resultsFor(valid.commandId()).get(0).outcome()).isEqualTo(Outcome.OPENED);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.deadLettersContaining(account).size() >= cases.size());

        for (Map.Entry<String, String> c : cases.entrySet()) {
            ConsumerRecord<String, String> dead = kafka.deadLettersContaining(account).stream()
                    .filter(r -> r.value().equals(c.getValue())).findFirst().orElseThrow(() -> new AssertionError("not dead-lettered: " + c.getKey()));
            assertThat(header(dead, "dead-letter-reason")).as(c.getValue()).contains(c.getKey());
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.POSITION_COMMANDS);
        }
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).as("only the valid open").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id LIKE ?", account + "-%")).isZero();
    }

    @Test
    void anIdentifiableInvalidCommandIsAnsweredRejectedInvalid() {
        String account = PositionTestClient.uniqueAccount("i11-answer");
        String commandId = account + "-bad-qty";
        kafka.sendRaw(Topics.POSITION_COMMANDS, "XAUUSD", "{\"type\":\"OpenPosition\",\"commandId\":\"" + commandId + "\",\"account\":\""
                + account + "\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"quantity\":\"-5\",\"chatId\":7}");

        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(commandId).isEmpty());
        assertThat(kafka.resultsFor(commandId)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED_INVALID);
            assertThat(r.message()).contains("quantity must be positive");
            assertThat(r.chatId()).isEqualTo(7L);
        });
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isZero();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
