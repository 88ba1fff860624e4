package io.positrack.position.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.infra.TopicRecorder;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.reconciliation.PositionReportHandler;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * I14, issue #15's reproductions: a venue time ahead of our clock is refused (dead letter, counter) and never
 * becomes an as-of or a watermark, so one forged report or fill cannot make a position unclosable or freeze
 * reconciliation of its symbol.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class OutsideTimesTest {

    private static final PositionTestClient kafka = PositionTestClient.get();
    private static TopicRecorder venueDeadLetters;

    @Inject
    PositionReportHandler reports;

    @BeforeAll
    static void recordDeadLetters() {
        venueDeadLetters = TopicRecorder.start(PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers(),
                Topics.dlq(Topics.VENUE_EVENTS));
    }

    @AfterAll
    static void stopRecording() {
        venueDeadLetters.close();
    }

    @Test
    void aFlatReportDatedInTheFutureIsRefusedAndTheCloseStillSendsAnExitAndClosesWithItsPrice() throws Exception {
        String account = PositionTestClient.uniqueAccount("future-flat");
        String symbol = "FUTFLAT";
        long id = activePosition(account, symbol, "100.00");
        String reportId = "future-" + UUID.randomUUID();
        // The forged report, inside the wire's window (2000..2100) so that the clock rule is what refuses it.
        kafka.sendRaw(Topics.VENUE_EVENTS, symbol, PositionTestClient.write(VenuePositionReport.of(reportId, account, "paper", symbol,
                null, BigDecimal.ZERO, null, true, Instant.now().plus(Duration.ofDays(365)))));
        ConsumerRecord<String, String> letter = awaitDeadLetter(reportId);
        assertThat(header(letter, "dead-letter-reason")).contains("asOf").contains("ahead of our clock");
        assertThat(Database.count("SELECT count(*) FROM venue_positions WHERE account = ? AND as_of > now() + interval '1 minute'",
                account)).isZero();

        CommandResult closing = answer(PositionTestClient.close(account, symbol));
        assertThat(closing.outcome()).as(closing.message()).isEqualTo(Outcome.CLOSING);
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");
        kafka.tick(symbol, "101.00", "101.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND exit_price = 101 AND close_reason = 'COMMAND'",
                id) == 1);
    }

    @Test
    void aFillDatedInTheFutureIsRefusedAndTheWatermarkDoesNotMove() throws Exception {
        String account = PositionTestClient.uniqueAccount("future-fill");
        String symbol = "FUTFILL";
        String update = "{\"account\":\"" + account + "\",\"venue\":\"paper\",\"symbol\":\"" + symbol + "\",\"clientOrderId\":\"pt-999999-e-1\","
                + "\"status\":\"FILLED\",\"filledQuantity\":\"1\",\"averagePrice\":\"100\",\"tradeId\":\"" + account + "\","
                + "\"transactionTime\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}";
        kafka.sendRaw(Topics.VENUE_EVENTS, symbol, update);
        ConsumerRecord<String, String> letter = awaitDeadLetter(account);
        assertThat(header(letter, "dead-letter-reason")).contains("transactionTime").contains("ahead of our clock");
        assertThat(Database.count("SELECT count(*) FROM venue_watermarks WHERE account = ?", account)).isZero();

        // A true report for the symbol is applied, not stale: reconciliation of the symbol goes on.
        String outcome = reports.apply(VenuePositionReport.of("true-" + UUID.randomUUID(), account, "paper", symbol, null,
                BigDecimal.ZERO, null, true, Instant.now())).await().atMost(Duration.ofSeconds(30));
        assertThat(outcome).isEqualTo("in_sync");
    }

    @Test
    void aSnapshotReportDatedInTheFutureIsRefusedOnTheReconciliationPathToo() {
        String account = PositionTestClient.uniqueAccount("future-snap");
        String outcome = reports.apply(VenuePositionReport.of("snap-" + UUID.randomUUID(), account, "paper", "FUTSNAP", null,
                BigDecimal.ZERO, null, true, Instant.now().plus(Duration.ofHours(1)))).await().atMost(Duration.ofSeconds(30));
        assertThat(outcome).isEqualTo("refused_time");
        assertThat(Database.count("SELECT count(*) FROM venue_positions WHERE account = ?", account)).isZero();
    }

    @Test
    void aFillNamingOurPositionUnderAnotherSymbolMovesNoWatermark() throws Exception {
        String account = PositionTestClient.uniqueAccount("foreign");
        long id = activePosition(account, "FORAAA", "50.00");
        long before = Database.count("SELECT count(*) FROM venue_watermarks WHERE account = ? AND symbol = 'FORBBB'", account);
        kafka.sendRaw(Topics.VENUE_EVENTS, "FORBBB", "{\"account\":\"" + account + "\",\"venue\":\"paper\",\"symbol\":\"FORBBB\","
                + "\"clientOrderId\":\"pt-" + id + "-x-7\",\"status\":\"FILLED\",\"filledQuantity\":\"1\",\"averagePrice\":\"50\","
                + "\"tradeId\":\"foreign-" + account + "\",\"transactionTime\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(
                "SELECT count(*) FROM venue_order_updates WHERE client_order_id = ? AND outcome = 'foreign_position'", "pt-" + id + "-x-7")
                == 1);
        assertThat(Database.count("SELECT count(*) FROM venue_watermarks WHERE account = ? AND symbol = 'FORBBB'", account))
                .isEqualTo(before);
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    private long activePosition(String account, String symbol, String price) throws Exception {
        PositionCommand.OpenPosition open = PositionTestClient.open(account, symbol, Side.BUY, "1", null, null);
        CommandResult opened = answer(open);
        long id = opened.position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        kafka.tick(symbol, price, price);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(id).equals("ACTIVE"));
        return id;
    }

    private static CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String marker) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !venueDeadLetters.containing(marker).isEmpty());
        return venueDeadLetters.containing(marker).get(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String status(long id) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("SELECT status FROM positions WHERE id = ?")) {
            s.setLong(1, id);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }
}
