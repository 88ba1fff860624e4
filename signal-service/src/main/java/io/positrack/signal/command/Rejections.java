package io.positrack.signal.command;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;

/** The REJECTED_INVALID answer to a bot command, when the command says enough to be answered. */
final class Rejections {

    private Rejections() {
    }

    /**
     * From the raw JSON of a refused command: needs a {@code commandId} and an {@code account}. The JSON is
     * untrusted (it was refused), so a field is taken only when it is a plain value: an object or array in its
     * place would render as an empty string.
     */
    static Optional<CommandResult> fromRaw(JsonNode raw, String problem, Instant now) {
        if (raw == null || !isValue(raw, "commandId") || !isValue(raw, "account")) {
            return Optional.empty();
        }
        Long chatId = raw.path("chatId").isIntegralNumber() && raw.get("chatId").canConvertToLong() ? raw.get("chatId").asLong() : null;
        return Optional.of(new CommandResult(raw.get("commandId").asText(), text(raw, "verb"), raw.get("account").asText(), null,
                text(raw, "symbol"), chatId, Outcome.REJECTED_INVALID, problem, null, null, now, null, null));
    }

    private static boolean isValue(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull();
    }

    private static String text(JsonNode node, String field) {
        return isValue(node, field) ? node.get(field).asText() : null;
    }
}
