package io.positrack.position.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.Side;
import io.positrack.infra.history.History;
import io.positrack.infra.history.HistoryChecker;
import io.positrack.infra.history.Violation;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I4: every transition reaches position-events, per position versions 1..n in order, equal to the audit table. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class EventOrderTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aPlainConsumerSeesContiguousVersionsInOrderEqualToTheAuditTrail() throws Exception {
        String account = PositionTestClient.uniqueAccount("i4");
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            symbols.add("SYM" + i + "USD");
        }
        // Open everywhere, fill, close half, reopen where closed: several versions per position, interleaved symbols.
        symbols.forEach(s -> kafka.sendCommand(PositionTestClient.open(account, s, Side.BUY, "1", null, null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.resultsForAccount(account).size() >= symbols.size());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            symbols.forEach(s -> kafka.tick(s, "100", "100.5"));
            return Database.count("SELECT count(*) FROM positions WHERE account = ? AND status = 'ACTIVE'", account) == symbols.size();
        });
        List<PositionCommand> closes = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i += 2) {
            closes.add(PositionTestClient.close(account, symbols.get(i)));
        }
        closes.forEach(kafka::sendCommand);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            symbols.forEach(s -> kafka.tick(s, "101", "101.5"));
            return Database.count("SELECT count(*) FROM positions WHERE account = ? AND status = 'CLOSED'", account) == closes.size();
        });

        Map<Long, List<Long>> audit = auditVersions(account);
        long auditEvents = audit.values().stream().mapToLong(List::size).sum();
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.eventsForAccount(account).size() >= auditEvents);

        Map<Long, List<Long>> published = new LinkedHashMap<>();
        Map<Long, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<String, String> r : kafka.events.matching(r -> r.value().contains(account))) {
            PositionEvent e = PositionTestClient.read(r.value(), PositionEvent.class);
            published.computeIfAbsent(e.positionId(), k -> new ArrayList<>()).add(e.version());
            assertThat(r.key()).isEqualTo(e.position().symbol());
            Integer previous = partitionOf.put(e.positionId(), r.partition());
            assertThat(previous == null || previous == r.partition()).as("one partition per position").isTrue();
        }
        assertThat(published).isEqualTo(audit);
        audit.values().forEach(versions -> {
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i)).isEqualTo(i + 1L);
            }
        });
        assertThat(audit).hasSize(symbols.size());

        // The independent history checker agrees, and finds a version taken out of this real history.
        List<String> sent = kafka.resultsForAccount(account).stream().map(CommandResult::commandId).distinct().toList();
        History history = kafka.history(account, sent);
        assertThat(HistoryChecker.check(history)).isEmpty();
        List<PositionEvent> corrupted = new ArrayList<>(history.events());
        PositionEvent dropped = corrupted.stream().filter(e -> e.version() == 2).findFirst().orElseThrow();
        corrupted.remove(dropped);
        assertThat(HistoryChecker.check(new History(sent, history.results(), corrupted)))
                .extracting(Violation::rule).contains("version-gap");
    }

    private static Map<Long, List<Long>> auditVersions(String account) throws Exception {
        Map<Long, List<Long>> audit = new LinkedHashMap<>();
        try (var c = Database.connect(); var s = c.prepareStatement(
                "SELECT e.position_id, e.version FROM position_events e JOIN positions p ON p.id = e.position_id "
                        + "WHERE p.account = ? ORDER BY e.position_id, e.version")) {
            s.setString(1, account);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                audit.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return audit;
    }
}
