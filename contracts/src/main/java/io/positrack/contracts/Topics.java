package io.positrack.contracts;

import java.util.List;

/**
 * The Kafka topics Positrack's services talk through. Every topic is keyed by symbol and created
 * with the same partition count, so a symbol's messages keep their order on every hop.
 */
public final class Topics {

    public static final String BOT_COMMANDS = "bot-commands";
    public static final String POSITION_COMMANDS = "position-commands";
    public static final String POSITION_EVENTS = "position-events";
    public static final String COMMAND_RESULTS = "command-results";
    public static final String MARKET_TICKS = "market-ticks";
    public static final String VENUE_EVENTS = "venue-events";
    /** Operator alerts (for example a venue size beyond tolerance), keyed by symbol. */
    public static final String ALERTS = "alerts";
    /** New signals of the built-in strategy ({@code SignalIssued}), keyed by symbol: the chat desk offers them. */
    public static final String SIGNALS = "signals";

    /**
     * Not a data topic: telegram-gateway's poller election. The member of consumer group
     * {@code telegram-gateway-poller-<botId>} that owns its one partition is the only instance allowed to call
     * {@code getUpdates}. Created with exactly one partition; nothing is ever written to it.
     */
    public static final String TELEGRAM_POLLER_LEADER = "telegram-poller-leader";

    /** Suffix of the dead-letter topic that receives a topic's unparseable or invalid messages. */
    public static final String DLQ_SUFFIX = "-dlq";

    /** The topics every service may read or write, in the order an operator would create them. */
    public static final List<String> ALL = List.of(
            BOT_COMMANDS, POSITION_COMMANDS, POSITION_EVENTS, COMMAND_RESULTS, MARKET_TICKS, VENUE_EVENTS, ALERTS, SIGNALS);

    private Topics() {
    }

    /**
     * The key of a message about a symbol (a command, its result): the symbol, so that it keeps its place among
     * that symbol's messages on every hop; the account for account-wide messages that name no symbol.
     */
    public static String keyOf(String symbol, String account) {
        return symbol != null ? symbol : account;
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** The topics and their dead-letter topics. */
    public static List<String> allWithDeadLetters() {
        return ALL.stream().flatMap(t -> java.util.stream.Stream.of(t, dlq(t))).toList();
    }
}
