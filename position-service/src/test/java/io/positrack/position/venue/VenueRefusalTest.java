package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.venue.paper.PaperFaults;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Orders a venue refuses in its answer (as Binance answers -2022 to a reduce-only order that would not
 * reduce): no stream event follows, yet the position learns of it through a REJECTED update on
 * {@code venue-events}. A refused entry rolls back; a refused exit is tried again under the next id,
 * a bounded number of times.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class VenueRefusalTest {

    private static final String REDUCE_ONLY_REFUSED = "-2022 ReduceOnly Order is rejected.";

    @Inject
    PaperFaults faults;

    @Inject
    MeterRegistry registry;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void aRefusedEntryRollsBackWithTheRefusalRecorded() {
        String account = PositionTestClient.uniqueAccount("refused-entry");
        faults.refusePlacements("RFENTRY", 1, "-4164 Order's notional must be no smaller than 5");
        long id = open(account, "RFENTRY", Side.BUY, "0.001");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ROLLED_BACK' AND close_reason = 'ENTRY_REJECTED'", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE client_order_id = ? AND status = 'REJECTED' AND reason LIKE '-4164%'",
                "pt-" + id + "-e-1")).isEqualTo(1);
    }

    @Test
    void aRefusedExitIsTriedAgainUnderTheNextIdAndCloses() {
        String account = PositionTestClient.uniqueAccount("refused-exit");
        long id = activePosition(account, "RFEXIT");
        faults.refusePlacements("RFEXIT", 1, REDUCE_ONLY_REFUSED);
        kafka.sendCommand(PositionTestClient.close(account, "RFEXIT"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND exit_order_id = ?", id, "pt-" + id + "-x-2") == 1);
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-2");
        kafka.tick("RFEXIT", "51.00", "51.02");

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'COMMAND'", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionClosing'", id)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionExitRetried'", id)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ?", "pt-" + id + "-x-%"))
                .as("the refused attempt never reached the book").isEqualTo(1);
    }

    @Test
    void exitAttemptsStopAtTheConfiguredBound() {
        String account = PositionTestClient.uniqueAccount("refused-bound");
        long id = activePosition(account, "RFBOUND");
        double exhaustedBefore = registry.counter("positrack.venue.order_updates", "outcome", "exit_attempts_exhausted").count();
        faults.refusePlacements("RFBOUND", 5, REDUCE_ONLY_REFUSED);
        kafka.sendCommand(PositionTestClient.close(account, "RFBOUND"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                registry.counter("positrack.venue.order_updates", "outcome", "exit_attempts_exhausted").count() > exhaustedBefore);
        // Five attempts (the default bound), four of them retries, the last refused one still current.
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND exit_attempt = 5", id))
                .isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionExitRetried'", id))
                .isEqualTo(4);

        // The venue takes orders again: the sweeper re-sends the current attempt (the venue does not know it), and it fills.
        kafka.tick("RFBOUND", "51.00", "51.02");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            kafka.tick("RFBOUND", "51.00", "51.02");
            return Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'", id) == 1;
        });
        assertThat(Database.count("SELECT count(*) FROM paper.positions WHERE account = ? AND quantity <> 0", account)).isZero();
    }

    @Test
    void aStopTheVenueRefusesAsAlreadyTriggeredClosesThePositionAtMarket() {
        String account = PositionTestClient.uniqueAccount("refused-stop");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, "RFSTOP", Side.BUY, "1", "49.00", "55.00");
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        long id = kafka.resultsFor(open.commandId()).get(0).position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        // The entry is on the book; the stop loss placed after its fill is refused, as Binance refuses a stop whose
        // price the market has already passed.
        faults.refusePlacements("RFSTOP", 1, "binance HTTP 400 -2021 Order would immediately trigger.");
        kafka.tick("RFSTOP", "50.00", "50.02");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSING' AND close_reason = 'STOP_LOSS'", id) == 1);
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");
        kafka.tick("RFSTOP", "49.50", "49.52");

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND close_reason = 'STOP_LOSS'", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ? AND status IN ('NEW', 'PARTIALLY_FILLED')", account))
                .as("no protection left working").isZero();
        assertThat(Database.count("SELECT count(*) FROM paper.positions WHERE account = ? AND quantity <> 0", account)).isZero();
    }

    private long activePosition(String account, String symbol) {
        long id = open(account, symbol, Side.BUY, "1");
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        kafka.tick(symbol, "50.00", "50.02");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1);
        return id;
    }

    private long open(String account, String symbol, Side side, String quantity) {
        PositionCommand.OpenPosition open = PositionTestClient.open(account, symbol, side, quantity, null, null);
        kafka.sendCommand(open);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(open.commandId()).isEmpty());
        return kafka.resultsFor(open.commandId()).get(0).position().id();
    }
}
