package io.positrack.position.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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

/**
 * The paper venue's rules (RLBTC: tick 0.1, step 0.001, min 0.001, market max 120, notional 100; set for the test
 * profile in application.properties) apply before an entry is recorded: what is stored and placed is rounded, and
 * an entry they refuse opens nothing.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class ExchangeRulesTest {

    private static final String SYMBOL = "RLBTC";

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void theRoundedEntryIsWhatIsStoredAndPlaced() {
        String account = PositionTestClient.uniqueAccount("rules-rounded");
        CommandResult opened = send(open(account, "0.0129", "65000", "64000.05", "66000.08"));
        assertThat(opened.outcome()).isEqualTo(Outcome.OPENED);
        long id = opened.position().id();
        assertThat(opened.position().quantity()).isEqualByComparingTo("0.012");
        assertThat(opened.position().stopLoss()).isEqualByComparingTo("64000.1");
        assertThat(opened.position().takeProfit()).isEqualByComparingTo("66000");
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND quantity = 0.012 AND stop_loss = 64000.1"
                + " AND take_profit = 66000", id)).isEqualTo(1);

        Database.awaitWorkingOnPaperBook("pt-" + id + "-e-1");
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND quantity = 0.012", "pt-" + id + "-e-1"))
                .isEqualTo(1);
        kafka.tick(SYMBOL, "65000.0", "65000.1");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ? AND status = 'NEW'", "pt-" + id + "-%") == 2);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ? AND type = 'STOP_MARKET'"
                + " AND trigger_price = 64000.1 AND quantity = 0.012", "pt-" + id + "-sl-%")).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE client_order_id LIKE ? AND type = 'TAKE_PROFIT_MARKET'"
                + " AND trigger_price = 66000 AND quantity = 0.012", "pt-" + id + "-tp-%")).isEqualTo(1);

        CommandResult moved = send(new PositionCommand.UpdateStops(UUID.randomUUID().toString(), account, "paper", SYMBOL,
                new BigDecimal("64500.01"), null, 42L, Instant.now()));
        assertThat(moved.outcome()).isEqualTo(Outcome.STOPS_UPDATED);
        assertThat(moved.position().stopLoss()).as("a long's stop rounds up, towards the market").isEqualByComparingTo("64500.1");
    }

    @Test
    void anEntryBelowTheMinimumNotionalOpensNothing() {
        String account = PositionTestClient.uniqueAccount("rules-notional");
        // 0.0015 rounds to 0.001: 65 at 65000, below the minimum of 100.
        CommandResult refused = send(open(account, "0.0015", "65000", null, null));

        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED_EXCHANGE_RULES);
        assertThat(refused.message()).contains("BELOW_MIN_NOTIONAL").contains("nothing was opened");
        assertThat(refused.position()).isNull();
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isZero();
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).isZero();
    }

    @Test
    void anEntryAboveTheMarketMaximumOpensNothing() {
        String account = PositionTestClient.uniqueAccount("rules-max");
        CommandResult refused = send(open(account, "120.001", "65000", null, null));

        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED_EXCHANGE_RULES);
        assertThat(refused.message()).contains("ABOVE_MAX_QUANTITY");
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isZero();
    }

    /**
     * BANDUSDT: PERCENT_PRICE 1.05 / 0.95 around the mark (the mid of the latest tick) and prices within [1, 1000]. An
     * entry priced outside either is refused before anything is recorded or sent, with the reason; one inside opens.
     */
    @Test
    void anEntryPricedOutsideThePercentBandOrThePriceLimitsOpensNothing() {
        String account = PositionTestClient.uniqueAccount("rules-band");
        // The paper venue keeps a symbol's prices from its first working order on: trade it once, then tick at 100 / 100.2.
        long first = send(band(account, "1", "100", null)).position().id();
        Database.awaitWorkingOnPaperBook("pt-" + first + "-e-1");
        kafka.tick("BANDUSDT", "100.0", "100.2");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'",
                first) == 1);
        send(PositionTestClient.close(account, "BANDUSDT"));
        Database.awaitWorkingOnPaperBook("pt-" + first + "-x-1");
        kafka.tick("BANDUSDT", "100.0", "100.2");
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'CLOSED'",
                first) == 1);
        long ordersBefore = Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account);

        // Mark 100.1: a price above 105.105 or below 95.095 is outside the band.
        CommandResult far = send(band(account, "1", "106", null));
        assertThat(far.outcome()).isEqualTo(Outcome.REJECTED_EXCHANGE_RULES);
        assertThat(far.message()).contains("PRICE_OUTSIDE_PERCENT_BAND", "106", "1.05", "100.1");
        CommandResult high = send(band(account, "1", "100", "1001"));
        assertThat(high.outcome()).isEqualTo(Outcome.REJECTED_EXCHANGE_RULES);
        assertThat(high.message()).contains("PRICE_OUT_OF_LIMITS", "take profit", "1000");
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).as("only the first").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM paper.orders WHERE account = ?", account)).isEqualTo(ordersBefore);

        assertThat(send(band(account, "1", "105", null)).outcome()).as("inside the band").isEqualTo(Outcome.OPENED);
    }

    private static PositionCommand.OpenPosition band(String account, String quantity, String reference, String tp) {
        return new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", "BANDUSDT", Side.BUY,
                new BigDecimal(quantity), new BigDecimal(reference), null, tp == null ? null : new BigDecimal(tp), null, 42L, Instant.now());
    }

    private CommandResult send(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }

    private static PositionCommand.OpenPosition open(String account, String quantity, String reference, String sl, String tp) {
        return new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", SYMBOL, Side.BUY, new BigDecimal(quantity),
                new BigDecimal(reference), sl == null ? null : new BigDecimal(sl), tp == null ? null : new BigDecimal(tp), null, 42L,
                Instant.now());
    }
}
