package io.positrack.signal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.signal.strategy.Signal;

class CommandTranslatorTest {

    private static final Instant ISSUED = Instant.parse("2026-11-21T05:01:02Z");
    private static final Signal SIGNAL = new Signal("XAUUSD-ema-rsi-atr-20261121T050000Z", "XAUUSD", "ema-rsi-atr", Side.SELL,
            new BigDecimal("2650.40"), new BigDecimal("2661.10"), new BigDecimal("2629.00"), "why", ISSUED, ISSUED.plusSeconds(900));

    private final CommandTranslator translator = new CommandTranslator("paper");

    @Test
    void getSignalWithACurrentSignalOpensThatSignalUnderTheSameCommandId() {
        PositionCommand c = translator.translate(bot(BotVerb.GET_SIGNAL, "XAUUSD", null), Optional.of(SIGNAL), new BigDecimal("0.5"), "XAUUSD");

        assertThat(c).isEqualTo(new PositionCommand.OpenPosition("tg-1-100", "acc-1", "paper", "XAUUSD", Side.SELL,
                new BigDecimal("0.5"), new BigDecimal("2650.40"), new BigDecimal("2661.10"), new BigDecimal("2629.00"),
                SIGNAL.signalId(), 77L, ISSUED));
    }

    @Test
    void getSignalWithoutASignalAsksForTheStatusAndSaysWhy() {
        PositionCommand c = translator.translate(bot(BotVerb.GET_SIGNAL, "XAUUSD", null), Optional.empty(), BigDecimal.ONE, "XAUUSD");

        assertThat(c).isEqualTo(new PositionCommand.QueryStatus("tg-1-100", "acc-1", "paper", "XAUUSD", 77L, ISSUED, "getsignal"));
    }

    @Test
    void stopsBecomeAnUpdateStopsWithBothValuesAsTyped() {
        BotCommand stops = new BotCommand("tg-1-100", BotVerb.UPDATE_STOPS, "acc-1", "XAUUSD", null, null, 77L, 5L, ISSUED,
                new BigDecimal("1990.5"), null);

        assertThat(translator.translate(stops, Optional.empty(), null, "XAUUSD"))
                .isEqualTo(new PositionCommand.UpdateStops("tg-1-100", "acc-1", "paper", "XAUUSD", new BigDecimal("1990.5"), null, 77L, ISSUED));
    }

    @Test
    void statusIsAPlainStatusQuery() {
        assertThat(translator.translate(bot(BotVerb.STATUS, "XAUUSD", null), Optional.empty(), null, "XAUUSD"))
                .isEqualTo(new PositionCommand.QueryStatus("tg-1-100", "acc-1", "paper", "XAUUSD", 77L, ISSUED, null));
    }

    @Test
    void closeCarriesTheSymbolAndThePositionId() {
        assertThat(translator.translate(bot(BotVerb.CLOSE, null, 42L), Optional.empty(), null, "XAUUSD"))
                .isEqualTo(new PositionCommand.ClosePosition("tg-1-100", "acc-1", "paper", "XAUUSD", 42L, null, 77L, ISSUED));
    }

    @Test
    void positionsListsTheAccountsOpenPositionsKeyedByAccount() {
        PositionCommand c = translator.translate(bot(BotVerb.POSITIONS, null, null), Optional.empty(), null, null);
        assertThat(c).isEqualTo(new PositionCommand.ListOpen("tg-1-100", "acc-1", 77L, ISSUED));
        assertThat(CommandTranslator.key(c)).isEqualTo("acc-1");
    }

    @Test
    void historyPassesSymbolAndLimit() {
        BotCommand history = new BotCommand("tg-1-100", BotVerb.HISTORY, "acc-1", "XAUUSD", null, 5, 77L, 9L, ISSUED);
        PositionCommand c = translator.translate(history, Optional.empty(), null, "XAUUSD");
        assertThat(c).isEqualTo(new PositionCommand.History("tg-1-100", "acc-1", "XAUUSD", 5, 77L, ISSUED));
        assertThat(CommandTranslator.key(c)).isEqualTo("XAUUSD");
    }

    private static BotCommand bot(BotVerb verb, String symbol, Long positionId) {
        return new BotCommand("tg-1-100", verb, "acc-1", symbol, positionId, null, 77L, 9L, ISSUED);
    }

    @Test
    void longAndShortOpenAManualEntryWithTheGivenQuantityNoSignalAndNoStops() {
        BotCommand manual = new BotCommand("tg-1-100", BotVerb.SHORT, "acc-1", "XAUUSD", null, null, 77L, 5L, ISSUED, null, null,
                new BigDecimal("0.3"));

        assertThat(translator.translate(manual, Optional.of(SIGNAL), new BigDecimal("0.3"), "XAUUSD"))
                .as("a signal of the symbol is not used by a manual entry")
                .isEqualTo(new PositionCommand.OpenPosition("tg-1-100", "acc-1", "paper", "XAUUSD", Side.SELL, new BigDecimal("0.3"),
                        null, null, null, null, 77L, ISSUED));
        assertThat(((PositionCommand.OpenPosition) translator.translate(bot(BotVerb.LONG, "XAUUSD", null), Optional.empty(),
                BigDecimal.ONE, "XAUUSD")).side()).isEqualTo(Side.BUY);
    }

    @Test
    void pauseAndResumeKeepTheirSymbolOrNoneAndThePauseSaysWhoPaused() {
        assertThat(translator.translate(bot(BotVerb.PAUSE, null, null), Optional.empty(), null, null))
                .isEqualTo(new PositionCommand.PauseEntries("tg-1-100", "acc-1", null, "/pause by user 9 in chat 77", 77L, ISSUED));
        assertThat(translator.translate(bot(BotVerb.RESUME, "XAUUSD", null), Optional.empty(), null, "XAUUSD"))
                .isEqualTo(new PositionCommand.ResumeEntries("tg-1-100", "acc-1", "XAUUSD", 77L, ISSUED));
    }

    @Test
    void profitIsAnAllTimeReportAndDailyAWeekUnlessToldOtherwise() {
        assertThat(translator.translate(bot(BotVerb.PROFIT, null, null), Optional.empty(), null, null))
                .isEqualTo(new PositionCommand.PnlReport("tg-1-100", "acc-1", null, 77L, ISSUED));
        assertThat(translator.translate(bot(BotVerb.DAILY, null, null), Optional.empty(), null, null))
                .isEqualTo(new PositionCommand.PnlReport("tg-1-100", "acc-1", 7, 77L, ISSUED));
        BotCommand month = new BotCommand("tg-1-100", BotVerb.DAILY, "acc-1", null, null, 30, 77L, 5L, ISSUED);
        assertThat(((PositionCommand.PnlReport) translator.translate(month, Optional.empty(), null, null)).days()).isEqualTo(30);
    }
}
