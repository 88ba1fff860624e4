package io.positrack.signal.command;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.support.Identifiers;

/**
 * Checks a bot command before anything is forwarded. Returns the problems found (empty means valid): a
 * bad command is an answer to its sender, not an exception.
 */
@ApplicationScoped
public class BotCommandValidator {

    /** Most days {@code /daily} reports; position-service refuses more. */
    static final int MAX_DAILY_DAYS = 92;

    private final Instruments instruments;

    public BotCommandValidator(Instruments instruments) {
        this.instruments = instruments;
    }

    public List<String> problems(BotCommand c) {
        List<String> problems = new ArrayList<>();
        Identifiers.check("commandId", c.commandId(), problems);
        Identifiers.check("account", c.account(), problems);
        // Telegram user ids are positive; a chat id may be negative (groups). Neither is required (docs/event-contracts.md).
        if (c.userId() != null && c.userId() < 1) {
            problems.add("userId must be positive");
        }
        // Arguments a verb does not use are still checked: a command is valid or not, whatever its verb.
        if (c.positionId() != null && c.positionId() < 1) {
            problems.add("positionId must be positive");
        }
        if (c.limit() != null && c.limit() < 1) {
            problems.add("limit must be at least 1");
        }
        if (c.stopLoss() != null && c.stopLoss().signum() <= 0 || c.takeProfit() != null && c.takeProfit().signum() <= 0) {
            problems.add("stopLoss and takeProfit must be positive");
        }
        if (c.quantity() != null && c.quantity().signum() <= 0) {
            problems.add("quantity must be positive");
        }
        if (c.verb() == null) {
            problems.add("verb is required (one of " + java.util.Arrays.toString(io.positrack.contracts.bot.BotVerb.values()) + ")");
            return problems;
        }
        if (c.symbol() != null && !instruments.isWellFormed(c.symbol())) {
            problems.add("symbol '" + c.symbol() + "' is not a valid symbol");
        }
        switch (c.verb()) {
            case GET_SIGNAL -> {
                if (c.symbol() == null) {
                    problems.add("symbol is required");
                } else if (instruments.isWellFormed(c.symbol()) && !instruments.watches(c.symbol())) {
                    problems.add("symbol '" + c.symbol() + "' is not watched by the strategy (watched: "
                            + String.join(", ", instruments.symbols()) + ")");
                }
            }
            case STATUS -> {
                if (c.symbol() == null) {
                    problems.add("symbol is required");
                }
            }
            case CLOSE -> {
                if (c.symbol() == null && c.positionId() == null) {
                    problems.add("symbol or positionId is required");
                }
            }
            case UPDATE_STOPS -> {
                if (c.symbol() == null) {
                    problems.add("symbol is required");
                }
                if (c.stopLoss() == null && c.takeProfit() == null) {
                    problems.add("stopLoss, takeProfit or both are required");
                }
            }
            case LONG, SHORT -> {
                if (c.symbol() == null) {
                    problems.add("symbol is required");
                } else if (c.quantity() == null && instruments.isWellFormed(c.symbol()) && instruments.find(c.symbol()).isEmpty()) {
                    problems.add("symbol '" + c.symbol() + "' has no configured quantity; give one (/long " + c.symbol() + " QTY)");
                }
            }
            case OPEN_SIGNAL -> {
                Identifiers.check("signalId", c.signalId(), problems);
                if (c.symbol() == null) {
                    problems.add("symbol is required");
                }
            }
            case DAILY -> {
                if (c.limit() != null && c.limit() > MAX_DAILY_DAYS) {
                    problems.add("limit (days) must be at most " + MAX_DAILY_DAYS);
                }
            }
            case HISTORY, SESSIONS, POSITIONS, PAUSE, RESUME, PROFIT -> {
                // The account is all they need.
            }
        }
        return problems;
    }
}
