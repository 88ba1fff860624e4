package io.positrack.position.venue.binance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Fees and funding through the Binance adapter against the stand-in: each fill's commission comes in its
 * {@code ORDER_TRADE_UPDATE} ({@code n}, {@code N}), the funding payment as an {@code ACCOUNT_UPDATE} with reason
 * {@code FUNDING_FEE} that names no position (a crossed one), attributed through Get Income History. A fill the stream
 * did not bring (a gap, a lagging stream) is learned by a lookup, and its trades' commissions from Account Trade List.
 */
@QuarkusTest
@TestProfile(BinanceProfile.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
@WithTestResource(BinanceStandInResource.class)
class BinanceFeesAndFundingTest {

    private static final String ACCOUNT = BinanceStandInResource.ACCOUNT;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final PositionTestClient kafka = PositionTestClient.get();
    private final BinanceFuturesStandIn standIn = BinanceStandInResource.standIn();

    @BeforeEach
    void streamIsConnected() {
        await().atMost(PATIENCE).until(() -> standIn.openStreamConnections() >= 1);
    }

    @AfterEach
    void faultsOff() {
        standIn.faults().reset();
        standIn.holdStreamEvents(false);
        standIn.streamsDown(false);
    }

    @Test
    void fillsLearnedByLookupsAfterStreamGapsAreChargedTradeByTradeFromTheTradeList() {
        String symbol = "GAPFEEUSDT";
        standIn.setCommissionRate("0.0004");
        standIn.setMarkPrice(symbol, "200");
        standIn.faults().fillsPerOrder(2);
        standIn.streamsDown(true);
        await().atMost(PATIENCE).until(() -> standIn.openStreamConnections() == 0);
        long id = answer(new PositionCommand.OpenPosition(UUID.randomUUID().toString(), ACCOUNT, BinanceVenue.NAME, symbol, Side.BUY,
                new BigDecimal("0.5"), null, null, null, null, 42L, Instant.now())).position().id();
        // The entry fills on the venue in two trades that no stream connection hears.
        await().atMost(PATIENCE).until(() -> standIn.position(symbol).amount().compareTo(new BigDecimal("0.5")) == 0);
        assertThat(standIn.trades(symbol)).hasSize(2);
        standIn.streamsDown(false);

        // Found by a lookup (the gap's, or the sweeper's), charged per trade: 2 × 0.25 × 200 × 0.0004 = 0.04.
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE' AND fees = 0.04", id) == 1);

        // The exit fills during a second gap.
        standIn.faults().fillsPerOrder(1);
        standIn.streamsDown(true);
        await().atMost(PATIENCE).until(() -> standIn.openStreamConnections() == 0);
        standIn.setMarkPrice(symbol, "210");
        answer(new PositionCommand.ClosePosition(UUID.randomUUID().toString(), ACCOUNT, BinanceVenue.NAME, symbol, null, null, 42L,
                Instant.now()));
        await().atMost(PATIENCE).until(() -> standIn.position(symbol).amount().signum() == 0);
        standIn.streamsDown(false);
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'", id) == 1);

        // Gross (210 − 200) × 0.5 = 5; fees 0.04 + 0.5 × 210 × 0.0004 = 0.04 + 0.042.
        BigDecimal net = new BigDecimal("5").subtract(new BigDecimal("0.04").add(new BigDecimal("0.042")));
        assertThat(net).isEqualByComparingTo("4.918");
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + id).then().statusCode(200)
                .body("grossPnl", equalTo("5")).body("fees", equalTo("0.082")).body("netPnl", equalTo("4.918"));
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE symbol = ? AND commission_asset = 'USDT'"
                + " AND outcome = 'applied'", symbol)).as("the three trades, each once, with the stream's trade ids").isEqualTo(3);
        for (BinanceFuturesStandIn.Trade t : standIn.trades(symbol)) {
            assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE symbol = ? AND trade_id = ? AND commission = ?"
                    + " AND outcome = 'applied'", symbol, t.id(), t.commission())).isEqualTo(1);
        }
    }

    @Test
    void aTradeChargedFromTheTradeListIsNotChargedAgainWhenTheStreamDeliversItLate() {
        String symbol = "LATEFEEUSDT";
        standIn.setCommissionRate("0.0004");
        standIn.setMarkPrice(symbol, "300");
        standIn.holdStreamEvents(true);
        long id = answer(new PositionCommand.OpenPosition(UUID.randomUUID().toString(), ACCOUNT, BinanceVenue.NAME, symbol, Side.BUY,
                BigDecimal.ONE, null, null, null, null, 42L, Instant.now())).position().id();
        await().atMost(PATIENCE).until(() -> standIn.position(symbol).amount().compareTo(BigDecimal.ONE) == 0);
        // The connection lags (its events held back); a reconnect makes the service look its orders up meanwhile.
        standIn.dropStreamConnections();

        // 1 × 300 × 0.0004 = 0.12, booked from the trade list while the stream's own copy is still held back.
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE' AND fees = 0.12", id) == 1);
        assertThat(standIn.heldStreamEvents()).as("the stream has not told yet").isPositive();
        standIn.holdStreamEvents(false);

        // The exit comes through the stream after the late copy, on the same partition: once it is applied, so was the copy.
        standIn.setMarkPrice(symbol, "310");
        answer(new PositionCommand.ClosePosition(UUID.randomUUID().toString(), ACCOUNT, BinanceVenue.NAME, symbol, null, null, 42L,
                Instant.now()));
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'", id) == 1);

        // Gross (310 − 300) × 1 = 10; fees 0.12 + 1 × 310 × 0.0004 = 0.244, the entry's trade once.
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + id).then().statusCode(200)
                .body("grossPnl", equalTo("10")).body("fees", equalTo("0.244")).body("netPnl", equalTo("9.756"));
        String entryTrade = standIn.trades(symbol).get(0).id();
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE symbol = ? AND trade_id = ? AND commission IS NOT NULL"
                + " AND outcome IS DISTINCT FROM 'duplicate_trade'", symbol, entryTrade)).isEqualTo(1);
    }

    @Test
    void netPnlIsGrossLessBothFillsCommissionsPlusTheFundingPaymentFromTheIncomeHistory() {
        String symbol = "FEEBUSDT";
        standIn.setCommissionRate("0.0004");
        standIn.setMarkPrice(symbol, "200");
        long id = answer(new PositionCommand.OpenPosition(UUID.randomUUID().toString(), ACCOUNT, BinanceVenue.NAME, symbol, Side.BUY,
                new BigDecimal("0.5"), null, null, null, null, 42L, Instant.now())).position().id();
        // Entry at 200: commission 0.5 × 200 × 0.0004 = 0.04.
        await().atMost(PATIENCE).until(() -> Database.count(
                "SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE' AND fees = 0.04", id) == 1);

        // Funding of 0.01 % on a long of 0.5 at 200: it pays 0.01.
        BigDecimal paid = standIn.fundingPayment(symbol, "0.0001");
        assertThat(paid).isEqualByComparingTo("-0.01");
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND funding = -0.01", id) == 1);

        // Exit at 210: commission 0.5 × 210 × 0.0004 = 0.042; gross (210 − 200) × 0.5 = 5.
        standIn.setMarkPrice(symbol, "210");
        answer(new PositionCommand.ClosePosition(UUID.randomUUID().toString(), ACCOUNT, BinanceVenue.NAME, symbol, null, null, 42L,
                Instant.now()));
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'", id) == 1);

        BigDecimal net = new BigDecimal("5").subtract(new BigDecimal("0.04").add(new BigDecimal("0.042"))).add(paid);
        assertThat(net).isEqualByComparingTo("4.908");
        given().auth().oauth2(TestKeys.VIEWER.value()).get("/positions/" + id).then().statusCode(200)
                .body("grossPnl", equalTo("5")).body("fees", equalTo("0.082")).body("funding", equalTo("-0.01"))
                .body("netPnl", equalTo("4.908"));
        await().atMost(PATIENCE).until(() -> kafka.eventsForAccount(ACCOUNT).stream()
                .anyMatch(e -> e.positionId() == id && e.type() == PositionEventType.PositionClosed));
        PositionSnapshot closed = kafka.eventsForAccount(ACCOUNT).stream()
                .filter(e -> e.positionId() == id && e.type() == PositionEventType.PositionClosed).findFirst().orElseThrow().position();
        assertThat(closed.netPnl()).isEqualByComparingTo(net);
        assertThat(Database.count("SELECT count(*) FROM venue_order_updates WHERE symbol = ? AND commission_asset = 'USDT'"
                + " AND outcome = 'applied'", symbol)).as("each fill's commission kept with its asset").isEqualTo(2);
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }
}
