package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I2 with the inbox keyed by (source, account, command id) and the command's content compared. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class InboxIdentityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PositionTestClient kafka = PositionTestClient.get();

    @Inject
    MeterRegistry registry;

    @Test
    void theSameCommandIdFromTwoAccountsGivesTwoIndependentResults() {
        String first = PositionTestClient.uniqueAccount("inbox-a");
        String second = PositionTestClient.uniqueAccount("inbox-b");
        String commandId = UUID.randomUUID().toString();
        kafka.sendCommand(open(commandId, first, "XAUUSD", "1"));
        kafka.sendCommand(open(commandId, second, "XAUUSD", "2"));
        settle(second, "XAUUSD");

        assertThat(kafka.resultsFor(commandId)).hasSize(2).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.OPENED))
                .extracting(CommandResult::account).containsExactlyInAnyOrder(first, second);
        for (String account : List.of(first, second)) {
            assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);
            assertThat(Database.count("""
                    SELECT count(*) FROM position_events e JOIN positions p ON p.id = e.position_id
                    WHERE p.account = ? AND e.cause = ?""", account, commandId)).isEqualTo(1);
        }
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE source = ? AND message_id = ?", Topics.POSITION_COMMANDS, commandId))
                .isEqualTo(2);
        // A consumer deduplicating on the CloudEvents id must keep both.
        assertThat(resultCeIds(commandId)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void theSameCommandIdWithDifferentContentIsRefusedAndChangesNothing() {
        String account = PositionTestClient.uniqueAccount("inbox-c");
        String commandId = UUID.randomUUID().toString();
        PositionCommand.OpenPosition open = open(commandId, account, "XAGUSD", "3");
        kafka.sendCommand(open);
        await().atMost(WAIT).until(() -> !kafka.resultsFor(commandId).isEmpty());
        double conflictsBefore = registry.counter("positrack.commands.conflicts").count();

        // Were it applied, this close would request the entry's cancel.
        PositionCommand.ClosePosition close = new PositionCommand.ClosePosition(commandId, account, "paper", "XAGUSD", null, null, 42L,
                Instant.now());
        kafka.sendCommand(close);
        settle(account, "XAGUSD");

        List<CommandResult> results = kafka.resultsFor(commandId);
        assertThat(results).extracting(CommandResult::outcome).containsExactly(Outcome.OPENED, Outcome.REJECTED_CONFLICT);
        CommandResult refused = results.get(1);
        assertThat(refused.commandType()).isEqualTo("ClosePosition");
        assertThat(refused.message()).contains("already used for a different command")
                .doesNotContain("OpenPosition", "BUY");
        assertThat(refused.position()).isNull();
        assertThat(resultCeIds(commandId)).containsExactly("result-" + commandId + "|" + account,
                "result-" + commandId + "-conflict-" + CommandContentHash.of(close).substring(0, 12) + "|" + account);

        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ? AND status IN "
                + "('PENDING_ENTRY', 'ENTRY_PLACED') AND close_reason IS NULL AND quantity = 3", account)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE cause = ?", commandId)).isEqualTo(1);
        assertThat(Database.count("""
                SELECT count(*) FROM position_events e JOIN positions p ON p.id = e.position_id
                WHERE p.account = ? AND e.type IN ('PositionCancelRequested', 'PositionClosing', 'PositionRolledBack')""", account))
                .isZero();
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id = ? AND account = ? AND content_hash = ?", commandId,
                account, CommandContentHash.of(open))).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id = ?", commandId)).isEqualTo(1);
        assertThat(registry.counter("positrack.commands.conflicts").count()).isEqualTo(conflictsBefore + 1);
    }

    @Test
    void theSameCommandWrittenDifferentlyIsARedeliveryNotAConflict() {
        String account = PositionTestClient.uniqueAccount("inbox-d");
        String commandId = UUID.randomUUID().toString();
        kafka.sendCommand(open(commandId, account, "XAUUSD", "1.5"));
        // The same command as another producer might write it: fields reordered, spaced, trailing zeros, nulls spelled out.
        kafka.sendRaw(Topics.POSITION_COMMANDS, "XAUUSD", """
                { "venue" : "paper", "quantity" : "1.50", "side" : "BUY", "symbol" : "XAUUSD", "type" : "OpenPosition",
                  "stopLoss" : null, "takeProfit" : null, "referencePrice" : null, "signalId" : null,
                  "issuedAt" : "2026-11-21T10:15:30.000Z", "chatId" : 42, "account" : "%s", "commandId" : "%s" }"""
                .formatted(account, commandId));
        settle(account, "XAUUSD");

        assertThat(kafka.resultsFor(commandId)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.OPENED));
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE cause = ?", commandId)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE message_id = ?", commandId)).isEqualTo(1);
    }

    private static PositionCommand.OpenPosition open(String commandId, String account, String symbol, String quantity) {
        return new PositionCommand.OpenPosition(commandId, account, "paper", symbol, Side.BUY, new BigDecimal(quantity), null, null, null,
                null, 42L, Instant.parse("2026-11-21T10:15:30Z"));
    }

    /**
     * A later command on the same symbol (same partition): once it is answered, everything sent before it was handled and
     * its results were relayed (the relay publishes in commit order).
     */
    private void settle(String account, String symbol) {
        PositionCommand.QueryStatus marker = PositionTestClient.status(account, symbol);
        kafka.sendCommand(marker);
        await().atMost(WAIT).until(() -> !kafka.resultsFor(marker.commandId()).isEmpty());
    }

    private List<String> resultCeIds(String commandId) {
        return kafka.results.matching(r -> r.value().contains("\"" + commandId + "\"")).stream()
                .map(InboxIdentityTest::ceId)
                .toList();
    }

    private static String ceId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }
}
