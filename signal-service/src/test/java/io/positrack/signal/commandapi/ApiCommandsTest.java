package io.positrack.signal.commandapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;

class ApiCommandsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static CommandRequest open(String side, String quantity, String price, String stopLoss, String takeProfit) {
        return new CommandRequest("open", "acct-1", null, "XAUUSD", side, dec(quantity), dec(price), dec(stopLoss), dec(takeProfit), null, null);
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static ApiCommands.Translation translate(CommandRequest request) {
        return ApiCommands.translate("desk-1", "order-42", request, "paper", NOW);
    }

    @Test
    void anOpenBecomesAnOpenPositionWhoseIdIsTheKeysIdempotencyKey() {
        var translation = translate(open("buy", "0.5", "2000", "1990", "2030"));

        assertThat(translation.command()).isInstanceOfSatisfying(PositionCommand.OpenPosition.class, o -> {
            assertThat(o.commandId()).isEqualTo("api-desk-1-order-42");
            assertThat(o.side()).isEqualTo(Side.BUY);
            assertThat(o.venue()).isEqualTo("paper");
            assertThat(o.quantity()).isEqualByComparingTo("0.5");
            assertThat(o.signalId()).isNull();
            assertThat(o.issuedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void twoKeysWithTheSameIdempotencyKeyAreTwoCommands() {
        assertThat(ApiCommands.commandId("desk-1", "k")).isNotEqualTo(ApiCommands.commandId("desk-2", "k"));
    }

    @Test
    void aMissingOrMalformedIdempotencyKeyIsRefused() {
        assertThat(ApiCommands.translate("desk-1", null, open("BUY", "1", null, null, null), "paper", NOW).problem())
                .contains("Idempotency-Key");
        assertThat(ApiCommands.translate("desk-1", "has space", open("BUY", "1", null, null, null), "paper", NOW).problem())
                .contains("Idempotency-Key");
        assertThat(ApiCommands.translate("desk-1", "k".repeat(81), open("BUY", "1", null, null, null), "paper", NOW).accepted()).isFalse();
    }

    @Test
    void anOpenNeedsASideAndAPositiveQuantity() {
        assertThat(translate(open("UP", "1", null, null, null)).problem()).contains("BUY or SELL");
        assertThat(translate(open("SELL", "0", null, null, null)).problem()).contains("quantity");
        assertThat(translate(open("SELL", null, null, null, null)).problem()).contains("quantity");
    }

    @Test
    void stopsOnTheWrongSideOfThePriceAreRefused() {
        assertThat(translate(open("BUY", "1", "2000", "2010", "2030")).problem()).contains("losing side");
        assertThat(translate(open("SELL", "1", "2000", "2010", "1990")).accepted()).isTrue();
        assertThat(translate(open("BUY", "1", null, "2030", "2010")).problem()).contains("wrong sides");
    }

    @Test
    void aCloseCarriesThePositionIdAndTakesNoOpenFields() {
        var close = translate(new CommandRequest("close", "acct-1", "binance", "XAUUSD", null, null, null, null, null, 7L, null));
        assertThat(close.command()).isInstanceOfSatisfying(PositionCommand.ClosePosition.class, c -> {
            assertThat(c.positionId()).isEqualTo(7L);
            assertThat(c.venue()).isEqualTo("binance");
            assertThat(c.reason()).isEqualTo("api desk-1");
        });
        assertThat(translate(new CommandRequest("close", "acct-1", null, "XAUUSD", "BUY", null, null, null, null, null, null)).problem())
                .contains("open only");
    }

    @Test
    void updateStopsNeedsAtLeastOneStop() {
        assertThat(translate(new CommandRequest("update-stops", "acct-1", null, "XAUUSD", null, null, null, null, null, null, null)).problem())
                .contains("stopLoss, takeProfit or both");
        assertThat(translate(new CommandRequest("update-stops", "acct-1", null, "XAUUSD", null, null, null, dec("1990"), null, null, null))
                .command()).isInstanceOf(PositionCommand.UpdateStops.class);
    }

    @Test
    void anUnknownTypeOrMissingAccountOrSymbolIsRefused() {
        assertThat(translate(new CommandRequest("buy", "acct-1", null, "XAUUSD", null, null, null, null, null, null, null)).problem())
                .isEqualTo("type must be open, close, update-stops, pause or resume");
        assertThat(translate(new CommandRequest("close", null, null, "XAUUSD", null, null, null, null, null, null, null)).problem())
                .contains("account");
        assertThat(translate(new CommandRequest("close", "acct-1", null, " ", null, null, null, null, null, null, null)).problem())
                .contains("symbol");
    }

    @Test
    void aPauseNeedsNoSymbolAndKeepsTheCallersReasonOrNamesTheKey() {
        var all = translate(new CommandRequest("pause", "acct-1", null, null, null, null, null, null, null, null, null));
        assertThat(all.command()).isEqualTo(new PositionCommand.PauseEntries("api-desk-1-order-42", "acct-1", null, "api desk-1", null, NOW));
        var one = translate(new CommandRequest("PAUSE", "acct-1", null, "XAUUSD", null, null, null, null, null, null, "fomc"));
        assertThat(((PositionCommand.PauseEntries) one.command()).symbol()).isEqualTo("XAUUSD");
        assertThat(((PositionCommand.PauseEntries) one.command()).reason()).isEqualTo("fomc");
    }

    @Test
    void aResumeTakesAnOptionalSymbolAndNothingElse() {
        assertThat(translate(new CommandRequest("resume", "acct-1", null, "XAUUSD", null, null, null, null, null, null, null)).command())
                .isEqualTo(new PositionCommand.ResumeEntries("api-desk-1-order-42", "acct-1", "XAUUSD", null, NOW));
        assertThat(translate(new CommandRequest("resume", "acct-1", null, null, null, null, null, null, null, null, "why")).problem())
                .isEqualTo("reason is for pause only");
        assertThat(translate(new CommandRequest("pause", "acct-1", null, null, "BUY", null, null, null, null, null, null)).problem())
                .startsWith("pause and resume take an account");
        assertThat(translate(new CommandRequest("close", "acct-1", null, null, null, null, null, null, null, null, null)).problem())
                .as("only pause and resume go without a symbol").isEqualTo("symbol is required");
    }
}
