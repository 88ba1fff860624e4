package io.positrack.signal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.signal.config.Instruments;

/**
 * Checks a bot command before anything is forwarded. Returns the problems found (empty means valid): a
 * bad command is an answer to its sender, not an exception.
 */
@ApplicationScoped
public class BotCommandValidator {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:@/-]{1,128}$");

    private final Instruments instruments;

    public BotCommandValidator(Instruments instruments) {
        this.instruments = instruments;
    }

    public List<String> problems(BotCommand c) {
        List<String> problems = new ArrayList<>();
        identifier("commandId", c.commandId(), problems);
        identifier("account", c.account(), problems);
        if (c.verb() == null) {
            problems.add("verb is required (one of GET_SIGNAL, STATUS, CLOSE, POSITIONS, HISTORY, SESSIONS)");
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
                if (c.positionId() != null && c.positionId() < 1) {
                    problems.add("positionId must be positive");
                }
            }
            case HISTORY, SESSIONS -> {
                if (c.limit() != null && c.limit() < 1) {
                    problems.add("limit must be at least 1");
                }
            }
            case POSITIONS -> {
                // The account is all it needs.
            }
        }
        return problems;
    }

    private static void identifier(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (!ID.matcher(value).matches()) {
            problems.add(field + " has characters outside [A-Za-z0-9._:@/-] or is longer than 128");
        }
    }
}
