package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.positrack.infra.binance.SymbolFilters;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Binance's filters, read from the stand-in's exchangeInfo, shape what is sent: a rounded entry and stop are accepted
 * by the stand-in (which enforces the same filters), and an entry they refuse is answered before any order is sent.
 */
@QuarkusTest
@TestProfile(BinanceProfile.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
@WithTestResource(BinanceStandInResource.class)
class BinanceExchangeRulesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** BTCUSDT-shaped: tick 0.1, step 0.001, min 0.001, limit orders up to 1000, market orders up to 120, notional 100. */
    private static final SymbolFilters BTC_LIKE = new SymbolFilters("0.1", "0.001", "0.001", "1000", "120", "100");

    private final PositionTestClient kafka = PositionTestClient.get();
    private final BinanceFuturesStandIn standIn = BinanceStandInResource.standIn();

    @BeforeEach
    void streamIsConnected() {
        await().atMost(PATIENCE).until(() -> standIn.openStreamConnections() >= 1);
    }

    @Test
    void aRoundedEntryAndStopAreWhatBinanceReceivesAndAccepts() {
        String symbol = "RULEAUSDT";
        standIn.setFilters(symbol, BTC_LIKE);
        standIn.setMarkPrice(symbol, "65000");
        int refusedBefore = standIn.filterRefusals();

        CommandResult opened = answer(open(symbol, "0.0129", "65000", "64000.05"));

        assertThat(opened.outcome()).isEqualTo(Outcome.OPENED);
        long id = opened.position().id();
        await().atMost(PATIENCE).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1);
        assertThat(standIn.orders(symbol)).singleElement().satisfies(o -> assertThat(o.quantity()).isEqualByComparingTo("0.012"));
        await().atMost(PATIENCE).until(() -> !standIn.algoOrders(symbol).isEmpty());
        assertThat(standIn.algoOrders(symbol)).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("STOP_MARKET");
            assertThat(a.triggerPrice()).as("a long's stop, rounded up to the tick").isEqualByComparingTo("64000.1");
            assertThat(a.quantity()).isEqualByComparingTo("0.012");
        });
        assertThat(standIn.filterRefusals()).isEqualTo(refusedBefore);
    }

    @Test
    void anEntryBelowTheMinimumNotionalIsRefusedBeforeAnythingIsSent() {
        String symbol = "RULEBUSDT";
        standIn.setFilters(symbol, BTC_LIKE);
        standIn.setMarkPrice(symbol, "65000");

        CommandResult refused = answer(open(symbol, "0.0015", "65000", null));

        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED_EXCHANGE_RULES);
        assertThat(refused.message()).contains("BELOW_MIN_NOTIONAL");
        assertThat(standIn.orders(symbol)).isEmpty();
        assertThat(Database.count("SELECT count(*) FROM positions WHERE symbol = ?", symbol)).isZero();
    }

    @Test
    void aSymbolBinanceDoesNotListIsRefusedAsNotListed() {
        int asked = standIn.exchangeInfoRequests();

        CommandResult refused = answer(open("NOSUCHUSDT", "1", "10", null));

        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED_EXCHANGE_RULES);
        assertThat(refused.message()).contains("NOT_LISTED");
        assertThat(standIn.exchangeInfoRequests() - asked).as("one refetch for the unknown symbol").isEqualTo(1);
        assertThat(standIn.orders("NOSUCHUSDT")).isEmpty();
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }

    private static PositionCommand.OpenPosition open(String symbol, String quantity, String reference, String stopLoss) {
        return new PositionCommand.OpenPosition(UUID.randomUUID().toString(), BinanceStandInResource.ACCOUNT, BinanceVenue.NAME, symbol,
                Side.BUY, new BigDecimal(quantity), new BigDecimal(reference), stopLoss == null ? null : new BigDecimal(stopLoss), null,
                null, 42L, Instant.now());
    }
}
