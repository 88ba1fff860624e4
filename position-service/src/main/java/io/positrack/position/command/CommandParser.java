package io.positrack.position.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;

import io.positrack.contracts.position.PositionCommand;

/** Turns a record value into a valid command, or into the reason it is not one. */
@ApplicationScoped
public class CommandParser {

    /** The parse outcome: exactly one of {@code command} and {@code problem} is set. */
    public record Parsed(PositionCommand command, String problem, JsonNode raw) {
        public boolean valid() {
            return command != null;
        }
    }

    private final ObjectMapper json;
    private final CommandValidator validator;

    public CommandParser(ObjectMapper json, CommandValidator validator) {
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
        if (!tree.isObject()) {
            return new Parsed(null, "not a JSON object", tree);
        }
        if (!tree.hasNonNull("type")) {
            return new Parsed(null, "type is missing", tree);
        }
        PositionCommand command;
        try {
            command = json.treeToValue(tree, PositionCommand.class);
        } catch (InvalidTypeIdException e) {
            return new Parsed(null, "unknown command type '" + tree.get("type").asText() + "'", tree);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new Parsed(null, "malformed " + tree.get("type").asText() + ": " + detail, tree);
        }
        List<String> problems = validator.problems(command);
        return problems.isEmpty() ? new Parsed(command, null, tree)
                : new Parsed(null, "invalid " + command.typeName() + ": " + String.join("; ", problems), tree);
    }
}
