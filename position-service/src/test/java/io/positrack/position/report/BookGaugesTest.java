package io.positrack.position.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard's book panels: open positions per venue and today's net realized PnL per venue, read from the
 * database. Venue {@code gauges-test} is no venue of the service, so reconciliation and the sweeper leave its rows
 * alone; they are removed afterwards, so that the invariant audit of later tests does not see their missing events.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class BookGaugesTest {

    private static final String VENUE = "gauges-test";

    @Inject
    BookGauges gauges;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void removeRows() throws SQLException {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM positions WHERE venue = ?")) {
            s.setString(1, VENUE);
            s.executeUpdate();
        }
    }

    @Test
    void openPositionsAreCountedPerVenueInEveryOpenStatus() throws SQLException {
        Instant now = Instant.now();
        insert("ACTIVE", "BOOKA", null, null, null, null);
        insert("PENDING_ENTRY", "BOOKB", null, null, null, null);
        insert("CLOSING", "BOOKC", null, null, null, null);
        insert("CLOSED", "BOOKD", "3", null, null, now);
        insert("ROLLED_BACK", "BOOKE", null, null, null, now);

        gauges.refresh().await().atMost(Duration.ofSeconds(30));

        assertThat(value("positrack.positions.open")).isEqualTo(3.0);
    }

    @Test
    void todaysRealizedPnlIsNetOfFeesAndFundingAndLeavesOutEarlierDays() throws SQLException {
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        insert("CLOSED", "BOOKF", "5", "0.5", null, Instant.now());           // net 4.5
        insert("CLOSED", "BOOKG", "-1", null, "0.25", Instant.now());         // net -0.75 (funding received)
        insert("CLOSED", "BOOKH", "100", null, null, midnight.minusSeconds(1)); // yesterday's last second

        gauges.refresh().await().atMost(Duration.ofSeconds(30));

        assertThat(value("positrack.pnl.realized.today")).isEqualTo(3.75);
    }

    private double value(String name) {
        Gauge gauge = registry.find(name).tag("venue", VENUE).gauge();
        assertThat(gauge).as("%s{venue=%s} is registered", name, VENUE).isNotNull();
        return gauge.value();
    }

    private static void insert(String status, String symbol, String pnl, String fees, String funding, Instant closedAt)
            throws SQLException {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO positions (account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity,
                                       entry_price, exit_price, realized_pnl, fees, funding, origin, version, opened_at,
                                       updated_at, closed_at)
                VALUES (?, ?, ?, 'BUY', ?, 1, 1, ?, 1, ?, ?, ?, ?, 'COMMAND', 3, now() - interval '1 hour', now(), ?)""")) {
            boolean open = closedAt == null;
            s.setString(1, PositionTestClient.uniqueAccount("book"));
            s.setString(2, VENUE);
            s.setString(3, symbol);
            s.setString(4, status);
            s.setInt(5, open ? 1 : 0);
            s.setObject(6, open ? null : java.math.BigDecimal.ONE);
            s.setObject(7, pnl == null ? null : new java.math.BigDecimal(pnl));
            s.setObject(8, fees == null ? null : new java.math.BigDecimal(fees));
            s.setObject(9, funding == null ? null : new java.math.BigDecimal(funding));
            s.setObject(10, closedAt == null ? null : closedAt.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }
}
