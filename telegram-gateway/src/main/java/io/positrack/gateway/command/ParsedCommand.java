package io.positrack.gateway.command;

import io.positrack.contracts.bot.BotVerb;

/**
 * What a chat message asks for: a command the gateway answers itself, one to publish on {@code bot-commands},
 * a problem to explain to the user, or nothing at all (a command addressed to another bot in a group).
 */
public record ParsedCommand(Kind kind, BotVerb verb, String symbol, Long positionId, Integer limit, String problem,
        java.math.BigDecimal stopLoss, java.math.BigDecimal takeProfit, java.math.BigDecimal quantity) {

    public enum Kind {
        START,
        HELP,
        STOP,
        PUBLISH,
        PROBLEM,
        IGNORE
    }

    static ParsedCommand local(Kind kind) {
        return new ParsedCommand(kind, null, null, null, null, null, null, null, null);
    }

    static ParsedCommand publish(BotVerb verb, String symbol, Long positionId, Integer limit) {
        return new ParsedCommand(Kind.PUBLISH, verb, symbol, positionId, limit, null, null, null, null);
    }

    /** {@code /stops}: either stop may be null (kept as it is), not both. */
    static ParsedCommand stops(String symbol, java.math.BigDecimal stopLoss, java.math.BigDecimal takeProfit) {
        return new ParsedCommand(Kind.PUBLISH, BotVerb.UPDATE_STOPS, symbol, null, null, null, stopLoss, takeProfit, null);
    }

    /** {@code /long} and {@code /short}: the quantity may be null (the instrument's). */
    static ParsedCommand entry(BotVerb verb, String symbol, java.math.BigDecimal quantity) {
        return new ParsedCommand(Kind.PUBLISH, verb, symbol, null, null, null, null, null, quantity);
    }

    static ParsedCommand problem(String explanation) {
        return new ParsedCommand(Kind.PROBLEM, null, null, null, null, explanation, null, null, null);
    }
}
