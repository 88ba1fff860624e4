package io.positrack.position.pause;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The kill switch (PauseEntries / ResumeEntries): position-service refuses every new entry of a paused account or
 * symbol, whichever path it came by, and never blocks what reduces risk (closes, stops updates).
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class EntryPauseTest {

    private final PositionTestClient kafka = PositionTestClient.get();

    @Test
    void anAccountPauseRefusesEntriesFromEveryPathWhileStopsAndClosesGoOn() {
        String account = PositionTestClient.uniqueAccount("pause-all");
        CommandResult opened = answer(PositionTestClient.open(account, "NZDJPY", Side.BUY, "1", null, null));
        assertThat(opened.outcome()).isEqualTo(Outcome.OPENED);

        CommandResult paused = answer(pause(account, null, "news at 14:30"));
        assertThat(paused.outcome()).isEqualTo(Outcome.ENTRIES_PAUSED);
        assertThat(paused.message()).contains("every symbol", "news at 14:30", "exits go on");

        // The same OpenPosition whatever sent it: a chat /long, a REST open, a webhook alert's signal, the strategy.
        List<PositionCommand.OpenPosition> entries = List.of(
                withId(PositionTestClient.open(account, "CHFJPY", Side.SELL, "1", null, null), "tg-7-" + UUID.randomUUID()),
                withId(PositionTestClient.open(account, "CHFJPY", Side.BUY, "2", "150", null), "api-bot-" + UUID.randomUUID()),
                PositionTestClient.openForSignal(account, "CHFJPY", Side.BUY, "1", "tv-alert-" + UUID.randomUUID()),
                PositionTestClient.openForSignal(account, "NZDJPY", Side.BUY, "1", "sig-nzdjpy-" + UUID.randomUUID()));
        for (PositionCommand.OpenPosition entry : entries) {
            CommandResult refused = answer(entry);
            assertThat(refused.outcome()).as(entry.commandId()).isEqualTo(Outcome.REJECTED_PAUSED);
            assertThat(refused.message()).contains("paused", "nothing was opened");
        }
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ?", account)).isEqualTo(1);

        CommandResult stops = answer(new PositionCommand.UpdateStops(UUID.randomUUID().toString(), account, "paper", "NZDJPY",
                new BigDecimal("80"), null, 42L, Instant.now()));
        assertThat(stops.outcome()).isEqualTo(Outcome.STOPS_UPDATED);
        CommandResult close = answer(PositionTestClient.close(account, "NZDJPY"));
        assertThat(close.outcome()).isIn(Outcome.CANCELLING_ENTRY, Outcome.CLOSING);
    }

    @Test
    void aSymbolPauseHoldsOnlyThatSymbolAndItsResumeLetsEntriesInAgain() {
        String account = PositionTestClient.uniqueAccount("pause-one");
        answer(pause(account, "AUDJPY", null));

        assertThat(answer(PositionTestClient.open(account, "AUDJPY", Side.BUY, "1", null, null)).outcome())
                .isEqualTo(Outcome.REJECTED_PAUSED);
        assertThat(answer(PositionTestClient.open(account, "CADJPY", Side.BUY, "1", null, null)).outcome())
                .as("another symbol of the account").isEqualTo(Outcome.OPENED);
        String other = PositionTestClient.uniqueAccount("pause-other");
        assertThat(answer(PositionTestClient.open(other, "AUDJPY", Side.BUY, "1", null, null)).outcome())
                .as("another account").isEqualTo(Outcome.OPENED);

        CommandResult resumed = answer(resume(account, "AUDJPY"));
        assertThat(resumed.outcome()).isEqualTo(Outcome.ENTRIES_RESUMED);
        assertThat(resumed.message()).contains("AUDJPY", "allowed again");
        assertThat(answer(PositionTestClient.open(account, "AUDJPY", Side.BUY, "1", null, null)).outcome()).isEqualTo(Outcome.OPENED);
    }

    @Test
    void resumingASymbolLeavesTheAccountPauseAndResumingTheAccountLiftsEveryPause() {
        String account = PositionTestClient.uniqueAccount("pause-both");
        answer(pause(account, "EURNOK", null));
        answer(pause(account, null, null));

        CommandResult symbolOnly = answer(resume(account, "EURNOK"));
        assertThat(symbolOnly.message()).contains("stay paused", "/resume without a symbol");
        assertThat(answer(PositionTestClient.open(account, "EURNOK", Side.SELL, "1", null, null)).outcome())
                .isEqualTo(Outcome.REJECTED_PAUSED);

        answer(pause(account, "EURSEK", null));
        CommandResult all = answer(resume(account, null));
        assertThat(all.message()).contains("2 pause(s) lifted");
        assertThat(Database.count("SELECT count(*) FROM entry_pauses WHERE account = ?", account)).isZero();
        assertThat(answer(PositionTestClient.open(account, "EURSEK", Side.SELL, "1", null, null)).outcome()).isEqualTo(Outcome.OPENED);
    }

    @Test
    void pausingWhatIsPausedKeepsTheFirstPauseAndSaysSo() {
        String account = PositionTestClient.uniqueAccount("pause-twice");
        CommandResult first = answer(pause(account, null, "first"));
        CommandResult second = answer(pause(account, null, "second"));
        assertThat(first.message()).contains("are paused", "first");
        assertThat(second.message()).contains("were already paused", "first").doesNotContain("second");
        assertThat(Database.count("SELECT count(*) FROM entry_pauses WHERE account = ?", account)).isEqualTo(1);
    }

    @Test
    void thePausesInForceAreReadableByTheAccountsViewersOnly() {
        String alice = TestKeys.ALICE_ACCOUNT;
        String other = PositionTestClient.uniqueAccount("pause-hidden");
        answer(pause(alice, "USDSEK", "alice's"));
        answer(pause(other, "USDSEK", "not alice's"));

        List<String> seen = given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).get("/pauses").then().statusCode(200)
                .extract().jsonPath().getList("account", String.class);
        assertThat(seen).contains(alice).doesNotContain(other);
        given().auth().oauth2(TestKeys.VIEWER_OF_ALICE.value()).queryParam("account", other).get("/pauses").then().statusCode(403);
        List<String> symbols = given().auth().oauth2(TestKeys.VIEWER.value()).queryParam("account", other).get("/pauses")
                .then().statusCode(200).extract().jsonPath().getList("symbol", String.class);
        assertThat(symbols).containsExactly("USDSEK");
        answer(resume(alice, null));
    }

    private static PositionCommand.PauseEntries pause(String account, String symbol, String reason) {
        return new PositionCommand.PauseEntries(UUID.randomUUID().toString(), account, symbol, reason, 42L, Instant.now());
    }

    private static PositionCommand.ResumeEntries resume(String account, String symbol) {
        return new PositionCommand.ResumeEntries(UUID.randomUUID().toString(), account, symbol, 42L, Instant.now());
    }

    private static PositionCommand.OpenPosition withId(PositionCommand.OpenPosition o, String commandId) {
        return new PositionCommand.OpenPosition(commandId, o.account(), o.venue(), o.symbol(), o.side(), o.quantity(),
                o.referencePrice(), o.stopLoss(), o.takeProfit(), o.signalId(), o.chatId(), o.issuedAt());
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }
}
