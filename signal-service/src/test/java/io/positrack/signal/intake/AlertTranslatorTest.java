package io.positrack.signal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand.ClosePosition;
import io.positrack.contracts.position.PositionCommand.OpenPosition;
import io.positrack.contracts.position.Side;

class AlertTranslatorTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration AHEAD = Duration.ofSeconds(5);
    static final TestSource SOURCE = TestSource.tradingView();

    static Alert alert(String action, String price, String stopLoss, String takeProfit, String quantity, Instant time) {
        return new Alert("ignored-here", "order-42", "BINANCE:BTCUSDT.P", action, dec(price), dec(stopLoss), dec(takeProfit),
                dec(quantity), time);
    }

    static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    static AlertTranslator.Translation translate(TestSource source, Alert alert) {
        return AlertTranslator.translate("tv", source, alert, "paper", NOW, AHEAD);
    }

    @Test
    void aBuyAlertOpensTheSourcesQuantityOnTheMappedSymbolForTheSourcesAccount() {
        var t = translate(SOURCE, alert("buy", "100000", "99000", "102000", null, NOW.minusSeconds(2)));

        assertThat(t.accepted()).as(t.problem()).isTrue();
        OpenPosition open = (OpenPosition) t.command();
        assertThat(open.account()).isEqualTo("acct");
        assertThat(open.symbol()).isEqualTo("BTCUSDT");
        assertThat(open.side()).isEqualTo(Side.BUY);
        assertThat(open.quantity()).isEqualByComparingTo("0.5");
        assertThat(open.venue()).isEqualTo("paper");
        assertThat(open.referencePrice()).isEqualByComparingTo("100000");
        assertThat(open.issuedAt()).isEqualTo(NOW.minusSeconds(2));
    }

    @Test
    void theSameAlertIsTheSameCommandAndTheSameSignal() {
        var first = translate(SOURCE, alert("short", "100000", "101000", "98000", null, NOW));
        var again = translate(SOURCE, alert("short", "100000", "101000", "98000", null, NOW.minusSeconds(1)));

        assertThat(first.command().commandId()).isEqualTo("alert-tv-order-42").isEqualTo(again.command().commandId());
        assertThat(((OpenPosition) first.command()).signalId()).isEqualTo("tv:order-42")
                .isEqualTo(((OpenPosition) again.command()).signalId());
    }

    @Test
    void aFlatAlertClosesTheSymbolsPosition() {
        var t = translate(SOURCE, alert("flat", null, null, null, null, NOW));

        assertThat(t.command()).isInstanceOfSatisfying(ClosePosition.class, c -> {
            assertThat(c.symbol()).isEqualTo("BTCUSDT");
            assertThat(c.positionId()).isNull();
            assertThat(c.reason()).isEqualTo("alert tv:order-42");
        });
    }

    @Test
    void anAlertOlderThanTheSourcesMaxAgeIsNotExecuted() {
        var t = translate(SOURCE, alert("buy", "100000", null, null, null, NOW.minusSeconds(61)));

        assertThat(t.accepted()).isFalse();
        assertThat(t.problem()).contains("older than 60 s").contains("not executed");
    }

    @Test
    void anAlertDatedAheadOfOurClockIsNotBelieved() {
        var t = translate(SOURCE, alert("buy", "100000", null, null, null, NOW.plusSeconds(30)));

        assertThat(t.problem()).contains("ahead of our clock");
    }

    @Test
    void anUnmappedTickerIsRefusedNamingTheSource() {
        Alert other = new Alert(null, "x1", "NASDAQ:AAPL", "buy", dec("100"), null, null, null, NOW);

        assertThat(translate(SOURCE, other).problem()).contains("'NASDAQ:AAPL' is not mapped").contains("'tv'");
    }

    @Test
    void anAlertCannotChooseItsQuantityUnlessTheSourceAllowsAndThenOnlyUpToTheLimit() {
        assertThat(translate(SOURCE, alert("buy", "100", null, null, "1", NOW)).problem()).contains("may not choose its quantity");

        TestSource allowing = SOURCE.withMaxQuantity("2");
        assertThat(((OpenPosition) translate(allowing, alert("buy", "100", null, null, "1.5", NOW)).command()).quantity())
                .isEqualByComparingTo("1.5");
        assertThat(translate(allowing, alert("buy", "100", null, null, "2.5", NOW)).problem()).contains("at most 2");
        assertThat(translate(allowing, alert("buy", "100", null, null, "-1", NOW)).problem()).contains("positive");
    }

    @Test
    void missingStopsComeFromTheSourcesPercentsRoundedTowardsTheEntry() {
        TestSource percents = SOURCE.withPercents("1", "2");

        OpenPosition buy = (OpenPosition) translate(percents, alert("buy", "100.005", null, null, null, NOW)).command();
        // 99.00495 → 99.005 (up, towards the entry); 102.0051 → 102.005 (down, towards the entry)
        assertThat(buy.stopLoss()).isEqualByComparingTo("99.005");
        assertThat(buy.takeProfit()).isEqualByComparingTo("102.005");

        OpenPosition sell = (OpenPosition) translate(percents, alert("sell", "100.005", null, null, null, NOW)).command();
        // 101.00505 → 101.005 (down); 98.0049 → 98.005 (up)
        assertThat(sell.stopLoss()).isEqualByComparingTo("101.005");
        assertThat(sell.takeProfit()).isEqualByComparingTo("98.005");
    }

    @Test
    void stopsOnTheWrongSideOfThePriceAreRefused() {
        assertThat(translate(SOURCE, alert("buy", "100", "101", "105", null, NOW)).problem()).contains("losing side");
        assertThat(translate(SOURCE, alert("sell", "100", "103", "101", null, NOW)).problem()).contains("winning side");
        assertThat(translate(SOURCE, alert("buy", "100", "105", "95", null, NOW)).problem()).contains("wrong sides");
    }

    @Test
    void anEntryWithoutPriceOrAnUnknownActionIsRefused() {
        assertThat(translate(SOURCE, alert("buy", null, null, null, null, NOW)).problem()).contains("price is required");
        assertThat(translate(SOURCE, alert("hodl", "100", null, null, null, NOW)).problem()).contains("action must be");
    }

    @Test
    void anIdThatCannotBeEmbeddedInOurIdsIsRefused() {
        Alert spaced = new Alert(null, "order 42", "BINANCE:BTCUSDT.P", "buy", dec("100"), null, null, null, NOW);

        assertThat(translate(SOURCE, spaced).problem()).startsWith("id is required");
    }
}
