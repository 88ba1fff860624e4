package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

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
import io.smallrye.mutiny.Uni;

/** I1: at most one open position per (account, venue, symbol), whatever the number of writers. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class OpenPositionInvariantTest {

    @Inject
    CommandProcessor processor;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void thousandConcurrentOpensCreateExactlyOneOpenPosition() {
        String account = PositionTestClient.uniqueAccount("i1-concurrent");
        List<Uni<CommandResult>> opens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            opens.add(processor.process(PositionTestClient.open(account, "XAUUSD", Side.BUY, "1", null, null)));
        }
        // All 1,000 transactions are in flight at once over the connection pool.
        List<CommandResult> results = Uni.join().all(opens).andFailFast().await().atMost(Duration.ofMinutes(2));

        Map<Outcome, Long> byOutcome = results.stream().collect(Collectors.groupingBy(CommandResult::outcome, Collectors.counting()));
        assertThat(byOutcome).containsOnly(Map.entry(Outcome.OPENED, 1L), Map.entry(Outcome.DUPLICATE_OPEN_EXISTS, 999L));
        long openedId = results.stream().filter(r -> r.outcome() == Outcome.OPENED).findFirst().orElseThrow().position().id();
        assertThat(results).allSatisfy(r -> assertThat(r.position().id()).isEqualTo(openedId));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);
    }

    @Test
    void thousandOpensThroughKafkaGiveOneOpenedAndNineHundredNinetyNineDuplicatesNamingIt() {
        String account = PositionTestClient.uniqueAccount("i1-kafka");
        List<PositionCommand.OpenPosition> commands = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            commands.add(PositionTestClient.open(account, "EURUSD", i % 2 == 0 ? Side.BUY : Side.SELL, "2", null, null));
        }
        commands.forEach(kafka::sendCommand);

        await().atMost(Duration.ofMinutes(2)).until(() -> kafka.resultsForAccount(account).size() >= 1000);
        Map<String, CommandResult> results = kafka.resultsForAccount(account).stream()
                .collect(Collectors.toMap(CommandResult::commandId, Function.identity(), (a, b) -> a));
        assertThat(results).hasSize(1000);
        List<CommandResult> opened = results.values().stream().filter(r -> r.outcome() == Outcome.OPENED).toList();
        assertThat(opened).hasSize(1);
        long id = opened.get(0).position().id();
        assertThat(results.values()).filteredOn(r -> r.outcome() == Outcome.DUPLICATE_OPEN_EXISTS).hasSize(999)
                .allSatisfy(r -> assertThat(r.position().id()).isEqualTo(id));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);
    }

    @Test
    void aHandWrittenSecondOpenRowIsRejectedByThePartialUniqueIndex() throws SQLException {
        String account = PositionTestClient.uniqueAccount("i1-sql");
        processor.process(PositionTestClient.open(account, "BTCUSDT", Side.BUY, "1", null, null)).await().atMost(Duration.ofSeconds(30));
        for (String status : List.of("PENDING_ENTRY", "ENTRY_PLACED", "PENDING_SL", "ACTIVE", "CLOSING")) {
            try (Connection c = Database.connect()) {
                assertThatThrownBy(() -> c.createStatement().execute("""
                        INSERT INTO positions (account, venue, symbol, side, status, quantity, origin, version, opened_at, updated_at)
                        VALUES ('%s', 'paper', 'BTCUSDT', 'SELL', '%s', 1, 'COMMAND', 1, now(), now())""".formatted(account, status)))
                        .as("second row in status " + status)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            }
        }
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);
    }
}
