package io.positrack.gateway.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.positrack.contracts.bot.BotVerb;

/**
 * Turns a chat message into a {@link ParsedCommand}, with a helpful explanation for anything it cannot accept.
 * Pure: no I/O, no clock, so every rule is unit-tested.
 */
public final class CommandParser {

    private static final Pattern POSITION_ID = Pattern.compile("^#(\\d{1,18})$");
    private static final Pattern NUMBER = Pattern.compile("^\\d{1,9}$");
    /** A plain decimal, as a trader types a price: no exponent, no sign, at most 18 digits before the point. */
    private static final Pattern PRICE = Pattern.compile("^\\d{1,18}(\\.\\d{1,18})?$");

    /** Most days /daily shows; position-service answers at most a quarter. */
    static final int MAX_DAILY_DAYS = 92;

    private final String defaultSymbol;
    private final Optional<List<String>> symbols;
    private final Pattern symbolPattern;
    private final int maxHistory;

    public CommandParser(String defaultSymbol, Optional<List<String>> symbols, String symbolPattern, int maxHistory) {
        this.defaultSymbol = defaultSymbol.toUpperCase(Locale.ROOT);
        this.symbols = symbols.map(list -> list.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList());
        this.symbolPattern = Pattern.compile(symbolPattern);
        this.maxHistory = maxHistory;
    }

    /**
     * @param botUsername the bot's username without '@', or null while unknown (then any {@code /cmd@name} is taken
     *     as ours)
     */
    public ParsedCommand parse(String text, String botUsername) {
        if (text == null || text.isBlank()) {
            return ParsedCommand.problem("I only understand commands. Send /help to see them.");
        }
        String[] words = text.trim().split("\\s+");
        String head = words[0];
        if (!head.startsWith("/") || head.length() < 2) {
            return ParsedCommand.problem("I only understand commands. Send /help to see them.");
        }
        String name = head.substring(1);
        int at = name.indexOf('@');
        if (at >= 0) {
            String addressee = name.substring(at + 1);
            if (botUsername != null && !addressee.equalsIgnoreCase(botUsername)) {
                return ParsedCommand.local(ParsedCommand.Kind.IGNORE);
            }
            name = name.substring(0, at);
        }
        List<String> args = List.of(words).subList(1, words.length);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "start":
                return ParsedCommand.local(ParsedCommand.Kind.START);
            case "help":
                return ParsedCommand.local(ParsedCommand.Kind.HELP);
            case "stop":
                return ParsedCommand.local(ParsedCommand.Kind.STOP);
            case "getsignal":
                return symbolCommand(BotVerb.GET_SIGNAL, "/getsignal [SYMBOL]", args);
            case "status":
                return symbolCommand(BotVerb.STATUS, "/status [SYMBOL]", args);
            case "positions":
                return noArguments(BotVerb.POSITIONS, "/positions", args);
            case "sessions":
                return noArguments(BotVerb.SESSIONS, "/sessions", args);
            case "close":
                return close(args);
            case "history":
                return history(args);
            case "stops":
                return stops(args);
            case "long":
                return entry(BotVerb.LONG, "/long", args);
            case "short":
                return entry(BotVerb.SHORT, "/short", args);
            case "pause":
                return optionalSymbol(BotVerb.PAUSE, "/pause [SYMBOL]", args);
            case "resume":
                return optionalSymbol(BotVerb.RESUME, "/resume [SYMBOL]", args);
            case "profit":
                return noArguments(BotVerb.PROFIT, "/profit", args);
            case "daily":
                return daily(args);
            default:
                return ParsedCommand.problem("Unknown command /" + name + ". Send /help to see the commands.");
        }
    }

    /** A command with an optional symbol: the default symbol when none is given. */
    private ParsedCommand symbolCommand(BotVerb verb, String usage, List<String> args) {
        return oneSymbol(verb, usage, args, defaultSymbol);
    }

    /** {@code /pause} and {@code /resume}: no symbol means every symbol of the account. */
    private ParsedCommand optionalSymbol(BotVerb verb, String usage, List<String> args) {
        return oneSymbol(verb, usage, args, null);
    }

    private ParsedCommand oneSymbol(BotVerb verb, String usage, List<String> args, String fallback) {
        if (args.size() > 1) {
            return ParsedCommand.problem("Too many arguments. Usage: " + usage);
        }
        if (args.isEmpty() && fallback == null) {
            return ParsedCommand.publish(verb, null, null, null);
        }
        Symbol symbol = symbol(args.isEmpty() ? fallback : args.get(0));
        return symbol.problem != null ? ParsedCommand.problem(symbol.problem) : ParsedCommand.publish(verb, symbol.name, null, null);
    }

    /** {@code /long SYMBOL [QTY]}: the symbol is required, so that no entry is made on a symbol the user did not name. */
    private ParsedCommand entry(BotVerb verb, String command, List<String> args) {
        String usage = "Usage: " + command + " SYMBOL [QTY], like " + command + " " + defaultSymbol + " or " + command + " "
                + defaultSymbol + " 0.5.";
        if (args.isEmpty() || args.size() > 2) {
            return ParsedCommand.problem(usage);
        }
        Symbol symbol = symbol(args.get(0));
        if (symbol.problem != null) {
            return ParsedCommand.problem(symbol.problem);
        }
        if (args.size() == 1) {
            return ParsedCommand.entry(verb, symbol.name, null);
        }
        String raw = args.get(1);
        if (!PRICE.matcher(raw).matches()) {
            return ParsedCommand.problem("QTY \"" + abbreviate(raw) + "\" is not a quantity. " + usage);
        }
        java.math.BigDecimal quantity = new java.math.BigDecimal(raw);
        return quantity.signum() > 0 ? ParsedCommand.entry(verb, symbol.name, quantity)
                : ParsedCommand.problem("QTY must be above 0. " + usage);
    }

    /** {@code /daily [N]}: N days, at most {@link #MAX_DAILY_DAYS}. */
    private static ParsedCommand daily(List<String> args) {
        if (args.isEmpty()) {
            return ParsedCommand.publish(BotVerb.DAILY, null, null, null);
        }
        if (args.size() > 1 || !NUMBER.matcher(args.get(0)).matches() || Integer.parseInt(args.get(0)) < 1
                || Integer.parseInt(args.get(0)) > MAX_DAILY_DAYS) {
            return ParsedCommand.problem("Usage: /daily [N], N days between 1 and " + MAX_DAILY_DAYS + ", like /daily 7.");
        }
        return ParsedCommand.publish(BotVerb.DAILY, null, null, Integer.parseInt(args.get(0)));
    }

    private static ParsedCommand noArguments(BotVerb verb, String usage, List<String> args) {
        return args.isEmpty() ? ParsedCommand.publish(verb, null, null, null)
                : ParsedCommand.problem(usage + " takes no arguments.");
    }

    private ParsedCommand close(List<String> args) {
        if (args.size() > 1) {
            return ParsedCommand.problem("Too many arguments. Usage: /close [SYMBOL|#ID]");
        }
        if (!args.isEmpty() && args.get(0).startsWith("#")) {
            var id = POSITION_ID.matcher(args.get(0));
            if (!id.matches() || Long.parseLong(id.group(1)) < 1) {
                return ParsedCommand.problem("A position id is # followed by its number, like /close #42.");
            }
            return ParsedCommand.publish(BotVerb.CLOSE, null, Long.parseLong(id.group(1)), null);
        }
        Symbol symbol = symbol(args.isEmpty() ? defaultSymbol : args.get(0));
        return symbol.problem != null ? ParsedCommand.problem(symbol.problem)
                : ParsedCommand.publish(BotVerb.CLOSE, symbol.name, null, null);
    }

    /** {@code /history [N]}, also {@code /history SYMBOL [N]}. */
    private ParsedCommand history(List<String> args) {
        if (args.size() > 2) {
            return ParsedCommand.problem("Too many arguments. Usage: /history [N]");
        }
        String symbol = null;
        Integer limit = null;
        for (String arg : args) {
            if (NUMBER.matcher(arg).matches() && limit == null) {
                int n = Integer.parseInt(arg);
                if (n < 1 || n > maxHistory) {
                    return ParsedCommand.problem("N must be between 1 and " + maxHistory + ", like /history 10.");
                }
                limit = n;
            } else if (symbol == null && !arg.matches("^-?\\d+$")) {
                Symbol parsed = symbol(arg);
                if (parsed.problem != null) {
                    return ParsedCommand.problem(parsed.problem);
                }
                symbol = parsed.name;
            } else {
                return ParsedCommand.problem("N must be a whole number between 1 and " + maxHistory + ", like /history 10.");
            }
        }
        return ParsedCommand.publish(BotVerb.HISTORY, symbol, null, limit);
    }

    /** {@code /stops SYMBOL SL TP}; {@code -} keeps that one as it is. */
    private ParsedCommand stops(List<String> args) {
        String usage = "Usage: /stops SYMBOL SL TP, like /stops XAUUSD 2640 2690 (- keeps one as it is: /stops XAUUSD - 2690).";
        if (args.size() != 3) {
            return ParsedCommand.problem(usage);
        }
        Symbol symbol = symbol(args.get(0));
        if (symbol.problem != null) {
            return ParsedCommand.problem(symbol.problem);
        }
        Price stopLoss = price(args.get(1), "SL");
        Price takeProfit = price(args.get(2), "TP");
        for (Price p : List.of(stopLoss, takeProfit)) {
            if (p.problem != null) {
                return ParsedCommand.problem(p.problem + " " + usage);
            }
        }
        if (stopLoss.value == null && takeProfit.value == null) {
            return ParsedCommand.problem("Nothing to change: give a new SL, a new TP or both. " + usage);
        }
        return ParsedCommand.stops(symbol.name, stopLoss.value, takeProfit.value);
    }

    private static Price price(String raw, String name) {
        if (raw.equals("-")) {
            return new Price(null, null);
        }
        if (!PRICE.matcher(raw).matches()) {
            return new Price(null, name + " \"" + abbreviate(raw) + "\" is not a price.");
        }
        java.math.BigDecimal value = new java.math.BigDecimal(raw);
        return value.signum() > 0 ? new Price(value, null) : new Price(null, name + " must be above 0.");
    }

    private record Price(java.math.BigDecimal value, String problem) {
    }

    private Symbol symbol(String raw) {
        String name = raw.toUpperCase(Locale.ROOT);
        if (!symbolPattern.matcher(name).matches()) {
            return new Symbol(null, "\"" + abbreviate(raw) + "\" is not a symbol. Symbols look like " + defaultSymbol + ".");
        }
        if (symbols.isPresent() && !symbols.get().contains(name)) {
            return new Symbol(null, "Unknown symbol " + name + ". Available: " + String.join(", ", symbols.get()) + ".");
        }
        return new Symbol(name, null);
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 24 ? raw : raw.substring(0, 24) + "…";
    }

    private record Symbol(String name, String problem) {
    }
}
