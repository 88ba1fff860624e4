package io.positrack.position.charges;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.infra.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fees and funding on the paper venue, on the real broker and database: FEEUSDT is configured with a taker rate of
 * 0.1 % and a slippage of 0.05 % (application.properties), so the position's gross, fees, funding and net PnL must
 * equal the hand computation from its two fills and one funding payment, in the database, the REST API and the event.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class PaperFeesAndFundingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SYMBOL = "FEEUSDT";

    private final PositionTestClient kafka = PositionTestClient.get();
    private static TopicRecorder venueDeadLetters;

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
    void netPnlIsGrossLessTheFillsCommissionsPlusFundingAndARedeliveredFillOrPaymentCountsOnce() {
        String account = PositionTestClient.uniqueAccount("fees");
        PositionCommand.OpenPosition open = PositionTestClient.open(account, SYMBOL, Side.BUY, "2", null, null);
        long id = answer(open).position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");

        // Entry: a buy at the ask 100 fills 0.05 % higher, at 100.05; commission 2 × 100.05 × 0.001 = 0.2001.
        kafka.tick(SYMBOL, "99.90", "100.00");
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE' AND entry_price = 100.05 AND fees = 0.2001", id) == 1);

        // The entry's trade again, as it was (a redelivery: the inbox knows it) and relabelled as a partial fill (the
        // trade id is known to the ledger): neither is charged a second time.
        OrderUpdate redelivered = new OrderUpdate(account, "paper", SYMBOL, "pt-" + id + "-e-1", "pt-" + id + "-e-1", Side.BUY,
                OrderStatus.FILLED, new BigDecimal("2"), new BigDecimal("100.05"), "pt-" + id + "-e-1-t2", null, Instant.now(), Instant.now(),
                new BigDecimal("2"), new BigDecimal("100.05"), new BigDecimal("0.2001"), "USDT");
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(redelivered));
        OrderUpdate replay = new OrderUpdate(account, "paper", SYMBOL, "pt-" + id + "-e-1", null, Side.BUY, OrderStatus.PARTIALLY_FILLED,
                new BigDecimal("2"), new BigDecimal("100.05"), "pt-" + id + "-e-1-t2", null, Instant.now(), Instant.now(),
                new BigDecimal("2"), new BigDecimal("100.05"), new BigDecimal("0.2001"), "USDT");
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(replay));
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM venue_order_updates WHERE trade_id = ? AND outcome = 'duplicate_trade'", replay.tradeId()) == 1);

        // Funding while the position is open: it paid 0.05 USDT. Sent twice (a redelivery), booked once.
        FundingPayment funding = FundingPayment.of("paper-funding-" + id, account, "paper", SYMBOL, "USDT", new BigDecimal("-0.05"),
                Instant.now());
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(funding));
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(funding));
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND funding = -0.05", id) == 1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND fees = 0.2001", id)).as("the entry charged once").isEqualTo(1);

        // Exit: a sell at the bid 110 fills 0.05 % lower, at 109.945; commission 2 × 109.945 × 0.001 = 0.21989.
        answer(PositionTestClient.close(account, SYMBOL));
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");
        kafka.tick(SYMBOL, "110.00", "110.10");
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'", id) == 1);

        BigDecimal gross = new BigDecimal("109.945").subtract(new BigDecimal("100.05")).multiply(new BigDecimal("2"));
        BigDecimal fees = new BigDecimal("0.2001").add(new BigDecimal("0.21989"));
        BigDecimal net = gross.subtract(fees).add(new BigDecimal("-0.05"));
        assertThat(gross).isEqualByComparingTo("19.79");
        assertThat(net).isEqualByComparingTo("19.32001");

        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + id).then().statusCode(200)
                .body("grossPnl", equalTo("19.79")).body("realizedPnl", equalTo("19.79")).body("fees", equalTo("0.41999"))
                .body("funding", equalTo("-0.05")).body("netPnl", equalTo("19.32001"));

        await().atMost(PATIENCE).until(() -> closedEvent(account, id) != null);
        PositionSnapshot closed = closedEvent(account, id).position();
        assertThat(closed.grossPnl()).isEqualByComparingTo(gross);
        assertThat(closed.fees()).isEqualByComparingTo(fees);
        assertThat(closed.funding()).isEqualByComparingTo("-0.05");
        assertThat(closed.netPnl()).isEqualByComparingTo(net);
        assertThat(Database.count("SELECT count(*) FROM funding_payments WHERE payment_id = ? AND position_id = ? AND outcome = 'applied'",
                funding.paymentId(), id)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionChargesRecorded'", id))
                .as("the funding payment alone, once").isEqualTo(1);

        // /profit sums the same parts.
        io.positrack.contracts.position.PnlSummary.Line total = answer(new PositionCommand.PnlReport(java.util.UUID.randomUUID().toString(),
                account, null, 42L, Instant.now())).pnl().total();
        assertThat(total.gross()).isEqualByComparingTo(gross);
        assertThat(total.fees()).isEqualByComparingTo(fees);
        assertThat(total.funding()).isEqualByComparingTo("-0.05");
        assertThat(total.net()).isEqualByComparingTo(net);
    }

    @Test
    void aFundingPaymentAfterTheCloseLandsOnThePositionThatHeldAtTheFundingTime() {
        String account = PositionTestClient.uniqueAccount("fees-late");
        long id = answer(PositionTestClient.open(account, SYMBOL, Side.SELL, "1", null, null)).position().id();
        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        kafka.tick(SYMBOL, "50.00", "50.02");
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1);
        Instant fundingTime = Instant.now();
        answer(PositionTestClient.close(account, SYMBOL));
        Database.awaitWorkingOnPaperBook("pt-" + id + "-x-1");
        kafka.tick(SYMBOL, "49.00", "49.02");
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'", id) == 1);

        // A short received funding at a time it still held; the payment is reported after the close.
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(FundingPayment.of("paper-late-" + id, account, "paper", SYMBOL,
                "USDT", new BigDecimal("0.03"), fundingTime)));
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED' AND funding = 0.03", id) == 1);
        // And one dated before the position existed belongs to no position of ours: kept, changes nothing.
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(FundingPayment.of("paper-before-" + id, account, "paper", SYMBOL,
                "USDT", new BigDecimal("0.07"), fundingTime.minus(Duration.ofHours(1)))));
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM funding_payments WHERE payment_id = ? AND position_id IS NULL AND outcome = 'no_position'",
                "paper-before-" + id) == 1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND funding = 0.03", id)).isEqualTo(1);
    }

    @Test
    void aCommissionWithoutItsAssetOrATradeIsADeadLetter() {
        String account = PositionTestClient.uniqueAccount("fees-hostile");
        OrderUpdate noAsset = new OrderUpdate(account, "paper", SYMBOL, "pt-1-e-1", null, Side.BUY, OrderStatus.FILLED, BigDecimal.ONE,
                BigDecimal.TEN, "hostile-" + account, null, Instant.now(), Instant.now(), BigDecimal.ONE, BigDecimal.TEN,
                new BigDecimal("0.5"), null);
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(noAsset));
        FundingPayment noTime = new FundingPayment(FundingPayment.TYPE, "hostile-funding-" + account, account, "paper", SYMBOL, "usdt",
                BigDecimal.ONE, null);
        kafka.sendRaw(Topics.VENUE_EVENTS, SYMBOL, PositionTestClient.write(noTime));
        await().atMost(PATIENCE).until(() -> venueDeadLetters.containing(account).size() >= 2);
        assertThat(venueDeadLetters.containing(account).stream().map(r -> new String(r.headers().lastHeader("dead-letter-reason").value(),
                java.nio.charset.StandardCharsets.UTF_8)).toList())
                .anySatisfy(reason -> assertThat(reason).contains("commissionAsset"))
                .anySatisfy(reason -> assertThat(reason).contains("time is required"));
        assertThat(Database.count("SELECT count(*) FROM funding_payments WHERE account = ?", account)).isZero();
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE account = ?", account)).isZero();
    }

    private PositionEvent closedEvent(String account, long id) {
        return kafka.eventsForAccount(account).stream().filter(e -> e.positionId() == id && e.type() == PositionEventType.PositionClosed)
                .findFirst().orElse(null);
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        CommandResult result = kafka.resultsFor(command.commandId()).get(0);
        assertThat(result.outcome()).isNotIn(Outcome.REJECTED_INVALID, Outcome.REJECTED_EXCHANGE_RULES);
        return result;
    }
}
