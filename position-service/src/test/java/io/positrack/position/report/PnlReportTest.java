package io.positrack.position.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * /profit and /daily (PnlReport) sum what the database holds: finished positions by the UTC day they closed. The
 * positions are written straight into the table, closed on chosen days, because the venue cannot close one yesterday.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class PnlReportTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void theDailyReportPutsEachClosedPositionOnItsUtcCloseDayAndListsEveryDay() throws SQLException {
        String account = PositionTestClient.uniqueAccount("pnl-daily");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        closed(account, "12.5", today.plusSeconds(1));
        closed(account, "-2.25", today.plusSeconds(2));
        closed(account, "4", today.minus(Duration.ofDays(2)).plusSeconds(86_399)); // the last second of that day
        closed(account, "100", today.minus(Duration.ofDays(3)));                    // before a 3-day report
        rolledBack(account, today.plusSeconds(3));

        PnlSummary report = answer(new PositionCommand.PnlReport(UUID.randomUUID().toString(), account, 3, 42L, Instant.now())).pnl();

        assertThat(report.days()).extracting(PnlSummary.Line::from)
                .containsExactly(today.minus(Duration.ofDays(2)), today.minus(Duration.ofDays(1)), today);
        assertThat(report.days()).extracting(PnlSummary.Line::positions).containsExactly(1, 0, 2);
        assertThat(report.days().get(2).net()).isEqualByComparingTo("10.25");
        assertThat(report.days().get(2).wins()).isEqualTo(1);
        assertThat(report.days().get(2).losses()).isEqualTo(1);
        assertThat(report.total().positions()).isEqualTo(3);
        assertThat(report.total().net()).isEqualByComparingTo("14.25");
        assertThat(report.total().from()).isEqualTo(today.minus(Duration.ofDays(2)));
    }

    @Test
    void theAllTimeReportSumsEveryClosedPositionOfTheAccountOnly() throws SQLException {
        String account = PositionTestClient.uniqueAccount("pnl-all");
        closed(account, "7.1", Instant.now().minus(Duration.ofDays(400)));
        closed(account, "-0.1", Instant.now());
        closed(PositionTestClient.uniqueAccount("pnl-someone-else"), "1000", Instant.now());

        CommandResult result = answer(new PositionCommand.PnlReport(UUID.randomUUID().toString(), account, null, 42L, Instant.now()));

        assertThat(result.outcome()).isEqualTo(Outcome.PNL_REPORT);
        assertThat(result.pnl().days()).isEmpty();
        assertThat(result.pnl().total().positions()).isEqualTo(2);
        assertThat(result.pnl().total().gross()).isEqualByComparingTo("7");
        assertThat(result.pnl().total().net()).isEqualByComparingTo("7");
        assertThat(result.message()).isEqualTo("2 finished position(s), net 7");
    }

    @Test
    void anAccountWithNothingClosedGetsAnEmptyReportNotAnError() {
        String account = PositionTestClient.uniqueAccount("pnl-none");
        CommandResult result = answer(new PositionCommand.PnlReport(UUID.randomUUID().toString(), account, 7, 42L, Instant.now()));
        assertThat(result.pnl().days()).hasSize(7).allSatisfy(day -> assertThat(day.positions()).isZero());
        assertThat(result.pnl().total().net()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    private static void closed(String account, String pnl, Instant closedAt) throws SQLException {
        insert(account, "CLOSED", new BigDecimal(pnl), closedAt);
    }

    private static void rolledBack(String account, Instant closedAt) throws SQLException {
        insert(account, "ROLLED_BACK", null, closedAt);
    }

    private static void insert(String account, String status, BigDecimal pnl, Instant closedAt) throws SQLException {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO positions (account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity,
                                       entry_price, exit_price, realized_pnl, origin, version, opened_at, updated_at, closed_at)
                VALUES (?, 'paper', 'PNLUSD', 'BUY', ?, 1, 1, 0, 1, 1, ?, 'COMMAND', 3, ?, ?, ?)""")) {
            OffsetDateTime at = closedAt.atOffset(ZoneOffset.UTC);
            s.setString(1, account);
            s.setString(2, status);
            s.setBigDecimal(3, pnl);
            s.setObject(4, at.minusHours(1));
            s.setObject(5, at);
            s.setObject(6, at);
            s.executeUpdate();
        }
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }
}
