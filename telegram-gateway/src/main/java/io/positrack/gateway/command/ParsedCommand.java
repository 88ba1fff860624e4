package io.positrack.gateway.command;

import io.positrack.contracts.bot.BotVerb;

/**
 * What a chat message asks for: a command the gateway answers itself, one to publish on {@code bot-commands},
 * a problem to explain to the user, or nothing at all (a command addressed to another bot in a group).
 */
public record ParsedCommand(Kind kind, BotVerb verb, String symbol, Long positionId, Integer limit, String problem) {

    public enum Kind {
        START,
        HELP,
        STOP,
        PUBLISH,
        PROBLEM,
        IGNORE
    }

    static ParsedCommand local(Kind kind) {
        return new ParsedCommand(kind, null, null, null, null, null);
    }

    static ParsedCommand publish(BotVerb verb, String symbol, Long positionId, Integer limit) {
        return new ParsedCommand(Kind.PUBLISH, verb, symbol, positionId, limit, null);
    }

    static ParsedCommand problem(String explanation) {
        return new ParsedCommand(Kind.PROBLEM, null, null, null, null, explanation);
    }
}
