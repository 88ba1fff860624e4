package io.positrack.signal.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.bot.BotCommand;

/** Turns a {@code bot-commands} record into a valid command, or into the reason it is not one. */
@ApplicationScoped
public class BotCommandParser {

    /** Exactly one of {@code command} and {@code problem} is set; {@code raw} is the JSON object when there was one. */
    public record Parsed(BotCommand command, String problem, JsonNode raw) {
        public boolean valid() {
            return command != null;
        }
    }

    private final ObjectMapper json;
    private final BotCommandValidator validator;

    public BotCommandParser(ObjectMapper json, BotCommandValidator validator) {
        this.json = json;
        this.validator = validator;
    }

    public Parsed parse(String value) {
        if (value == null || value.isBlank()) {
            return new Parsed(null, "empty message", null);
        }
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (JsonProcessingException e) {
            return new Parsed(null, "not JSON: " + e.getOriginalMessage(), null);
        }
        if (tree == null || !tree.isObject()) {
            return new Parsed(null, "not a JSON object", null);
        }
        BotCommand command;
        try {
            command = json.treeToValue(tree, BotCommand.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new Parsed(null, "malformed bot command: " + detail, tree);
        }
        List<String> problems = validator.problems(command);
        return problems.isEmpty() ? new Parsed(command, null, tree)
                : new Parsed(null, "invalid " + (command.verb() == null ? "bot command" : command.verb().name()) + ": "
                        + String.join("; ", problems), tree);
    }
}
