package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** I3: a position is closed once, with one exit order, however many closes race. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class ConcurrentCloseTest {

    @Inject
    CommandProcessor processor;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void fiftyConcurrentClosesPlaceOneExitOrderAndCloseOnce() {
        String account = PositionTestClient.uniqueAccount("i3");
        String symbol = "ETHUSDT";
        PositionCommand.OpenPosition open = PositionTestClient.open(account, symbol, Side.BUY, "0.5", null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        long id = kafka.resultsFor(open.commandId()).get(0).position().id();

        // The paper venue fills the entry on the next tick of the symbol.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            kafka.tick(symbol, "2000", "2001");
            return status(id).equals("ACTIVE");
        });

        List<Uni<CommandResult>> closes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            closes.add(processor.process(PositionTestClient.close(account, symbol)));
        }
        List<CommandResult> results = Uni.join().all(closes).andFailFast().await().atMost(Duration.ofMinutes(1));
        Map<Outcome, Long> byOutcome = results.stream().collect(Collectors.groupingBy(CommandResult::outcome, Collectors.counting()));
        assertThat(byOutcome.get(Outcome.CLOSING)).isEqualTo(1);
        assertThat(byOutcome.keySet()).isSubsetOf(Outcome.CLOSING, Outcome.ALREADY_CLOSING, Outcome.ALREADY_CLOSED);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            kafka.tick(symbol, "2010", "2011");
            return status(id).equals(PositionStatus.CLOSED.name());
        });
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ?", "pt-" + id + "-x-%"))
                .as("exit orders on the venue").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionClosing'", id))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionClosed'", id))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.positions WHERE account = ? AND quantity <> 0", account))
                .as("the venue is flat: exit quantity equals the open quantity").isZero();
    }

    private static String status(long id) {
        try (var c = Database.connect(); var s = c.prepareStatement("SELECT status FROM positions WHERE id = ?")) {
            s.setLong(1, id);
            var rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
