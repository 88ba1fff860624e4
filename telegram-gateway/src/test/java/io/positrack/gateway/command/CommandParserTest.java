package io.positrack.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotVerb;

class CommandParserTest {

    private final CommandParser parser = new CommandParser("XAUUSD", Optional.empty(), "^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$", 50);

    @Test
    void getSignalWithoutASymbolUsesTheDefaultOne() {
        assertThat(parser.parse("/getsignal", "bot")).isEqualTo(new ParsedCommand(ParsedCommand.Kind.PUBLISH, BotVerb.GET_SIGNAL,
                "XAUUSD", null, null, null, null, null, null));
    }

    @Test
    void symbolsAreUpperCasedAndCommandNamesAreCaseInsensitive() {
        ParsedCommand status = parser.parse("  /STATUS   eurusd ", "bot");
        assertThat(status.verb()).isEqualTo(BotVerb.STATUS);
        assertThat(status.symbol()).isEqualTo("EURUSD");
    }

    @Test
    void aCommandAddressedToThisBotIsAcceptedAndOneForAnotherBotIsIgnored() {
        assertThat(parser.parse("/positions@PositrackBot", "positrackbot").verb()).isEqualTo(BotVerb.POSITIONS);
        assertThat(parser.parse("/positions@OtherBot", "positrackbot").kind()).isEqualTo(ParsedCommand.Kind.IGNORE);
        assertThat(parser.parse("/positions@AnyBot", null).verb()).isEqualTo(BotVerb.POSITIONS);
    }

    @Test
    void closeTakesASymbolOrAHashAndAPositionId() {
        assertThat(parser.parse("/close", "bot").symbol()).isEqualTo("XAUUSD");
        assertThat(parser.parse("/close btcusdt", "bot").symbol()).isEqualTo("BTCUSDT");
        ParsedCommand byId = parser.parse("/close #42", "bot");
        assertThat(byId.verb()).isEqualTo(BotVerb.CLOSE);
        assertThat(byId.positionId()).isEqualTo(42L);
        assertThat(byId.symbol()).isNull();
        assertThat(parser.parse("/close #0", "bot").problem()).contains("like /close #42");
        assertThat(parser.parse("/close #x1", "bot").problem()).contains("like /close #42");
    }

    @Test
    void historyTakesAnOptionalCountWithinTheLimitAndAnOptionalSymbol() {
        assertThat(parser.parse("/history", "bot")).isEqualTo(new ParsedCommand(ParsedCommand.Kind.PUBLISH, BotVerb.HISTORY, null, null,
                null, null, null, null, null));
        assertThat(parser.parse("/history 5", "bot").limit()).isEqualTo(5);
        assertThat(parser.parse("/history xauusd 5", "bot").symbol()).isEqualTo("XAUUSD");
        assertThat(parser.parse("/history 0", "bot").problem()).isEqualTo("N must be between 1 and 50, like /history 10.");
        assertThat(parser.parse("/history 51", "bot").problem()).isEqualTo("N must be between 1 and 50, like /history 10.");
        assertThat(parser.parse("/history -3", "bot").problem()).startsWith("N must be a whole number");
        assertThat(parser.parse("/history 1 2 3", "bot").problem()).startsWith("Too many arguments");
    }

    @Test
    void badSymbolsAndExtraArgumentsAreExplained() {
        assertThat(parser.parse("/getsignal XAU$", "bot").problem()).isEqualTo("\"XAU$\" is not a symbol. Symbols look like XAUUSD.");
        assertThat(parser.parse("/status XAUUSD EURUSD", "bot").problem()).isEqualTo("Too many arguments. Usage: /status [SYMBOL]");
        assertThat(parser.parse("/positions all", "bot").problem()).isEqualTo("/positions takes no arguments.");
        assertThat(parser.parse("/sessions x", "bot").problem()).isEqualTo("/sessions takes no arguments.");
    }

    @Test
    void aConfiguredSymbolListRefusesOtherSymbols() {
        CommandParser restricted = new CommandParser("XAUUSD", Optional.of(List.of("xauusd", "EURUSD")),
                "^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$", 50);
        assertThat(restricted.parse("/getsignal eurusd", "bot").symbol()).isEqualTo("EURUSD");
        assertThat(restricted.parse("/getsignal BTCUSDT", "bot").problem()).isEqualTo("Unknown symbol BTCUSDT. Available: XAUUSD, EURUSD.");
    }

    @Test
    void unknownCommandsAndPlainTextGetAPointerToHelp() {
        assertThat(parser.parse("/frobnicate", "bot").problem()).isEqualTo("Unknown command /frobnicate. Send /help to see the commands.");
        assertThat(parser.parse("hello bot", "bot").problem()).isEqualTo("I only understand commands. Send /help to see them.");
        assertThat(parser.parse("/", "bot").kind()).isEqualTo(ParsedCommand.Kind.PROBLEM);
        assertThat(parser.parse(null, "bot").kind()).isEqualTo(ParsedCommand.Kind.PROBLEM);
    }

    @Test
    void startHelpAndStopAreAnsweredLocally() {
        assertThat(parser.parse("/start", "bot").kind()).isEqualTo(ParsedCommand.Kind.START);
        assertThat(parser.parse("/help", "bot").kind()).isEqualTo(ParsedCommand.Kind.HELP);
        assertThat(parser.parse("/stop", "bot").kind()).isEqualTo(ParsedCommand.Kind.STOP);
    }

    @Test
    void stopsTakesASymbolAndTwoPricesWhereADashKeepsOne() {
        ParsedCommand both = parser.parse("/stops xauusd 2640.5 2690", "bot");
        ParsedCommand onlyTp = parser.parse("/stops XAUUSD - 2690", "bot");

        assertThat(both.verb()).isEqualTo(BotVerb.UPDATE_STOPS);
        assertThat(both.symbol()).isEqualTo("XAUUSD");
        assertThat(both.stopLoss()).isEqualByComparingTo("2640.5");
        assertThat(both.takeProfit()).isEqualByComparingTo("2690");
        assertThat(onlyTp.stopLoss()).isNull();
        assertThat(onlyTp.takeProfit()).isEqualByComparingTo("2690");
    }

    @Test
    void stopsNonsenseIsExplainedWithTheUsage() {
        assertThat(parser.parse("/stops XAUUSD 2640", "bot").problem()).startsWith("Usage: /stops SYMBOL SL TP");
        assertThat(parser.parse("/stops XAUUSD - -", "bot").problem()).startsWith("Nothing to change");
        assertThat(parser.parse("/stops XAUUSD 1e9 2690", "bot").problem()).startsWith("SL \"1e9\" is not a price.");
        assertThat(parser.parse("/stops XAUUSD 0 2690", "bot").problem()).startsWith("SL must be above 0.");
        assertThat(parser.parse("/stops XAUUSD 2640 -5", "bot").problem()).startsWith("TP \"-5\" is not a price.");
        assertThat(parser.parse("/stops ??? 1 2", "bot").problem()).contains("is not a symbol");
    }

    @Test
    void longAndShortNeedASymbolAndTakeAnOptionalPositiveQuantity() {
        ParsedCommand plain = parser.parse("/long btcusdt", "bot");
        assertThat(plain.verb()).isEqualTo(BotVerb.LONG);
        assertThat(plain.symbol()).isEqualTo("BTCUSDT");
        assertThat(plain.quantity()).isNull();
        ParsedCommand sized = parser.parse("/short XAUUSD 0.50", "bot");
        assertThat(sized.verb()).isEqualTo(BotVerb.SHORT);
        assertThat(sized.quantity()).isEqualByComparingTo("0.5");
        assertThat(parser.parse("/long", "bot").problem()).startsWith("Usage: /long SYMBOL [QTY]");
        assertThat(parser.parse("/long XAUUSD 0", "bot").problem()).startsWith("QTY must be above 0.");
        assertThat(parser.parse("/long XAUUSD lots", "bot").problem()).startsWith("QTY \"lots\" is not a quantity.");
        assertThat(parser.parse("/long XAUUSD 1e3", "bot").problem()).startsWith("QTY \"1e3\" is not a quantity.");
        assertThat(parser.parse("/short XAUUSD 1 2", "bot").problem()).startsWith("Usage: /short SYMBOL [QTY]");
        assertThat(parser.parse("/long x!", "bot").problem()).contains("is not a symbol");
    }

    @Test
    void pauseAndResumeTakeAnOptionalSymbolAndWithoutOneMeanTheWholeAccount() {
        ParsedCommand all = parser.parse("/pause", "bot");
        assertThat(all.verb()).isEqualTo(BotVerb.PAUSE);
        assertThat(all.symbol()).as("no default symbol: the whole account").isNull();
        assertThat(parser.parse("/pause eurusd", "bot").symbol()).isEqualTo("EURUSD");
        assertThat(parser.parse("/resume", "bot").verb()).isEqualTo(BotVerb.RESUME);
        assertThat(parser.parse("/resume eurusd", "bot").symbol()).isEqualTo("EURUSD");
        assertThat(parser.parse("/pause a b", "bot").problem()).isEqualTo("Too many arguments. Usage: /pause [SYMBOL]");
    }

    @Test
    void profitTakesNothingAndDailyTakesAnOptionalDayCountUpToAQuarter() {
        assertThat(parser.parse("/profit", "bot").verb()).isEqualTo(BotVerb.PROFIT);
        assertThat(parser.parse("/profit now", "bot").problem()).isEqualTo("/profit takes no arguments.");
        ParsedCommand week = parser.parse("/daily", "bot");
        assertThat(week.verb()).isEqualTo(BotVerb.DAILY);
        assertThat(week.limit()).isNull();
        assertThat(parser.parse("/daily 30", "bot").limit()).isEqualTo(30);
        assertThat(parser.parse("/daily 93", "bot").problem()).startsWith("Usage: /daily [N], N days between 1 and 92");
        assertThat(parser.parse("/daily 0", "bot").problem()).startsWith("Usage: /daily [N]");
        assertThat(parser.parse("/daily week", "bot").problem()).startsWith("Usage: /daily [N]");
    }
}
