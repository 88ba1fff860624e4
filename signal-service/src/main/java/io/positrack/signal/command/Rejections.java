package io.positrack.signal.command;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;

/** The REJECTED_INVALID answer to a bot command, when the command says enough to be answered. */
final class Rejections {

    private Rejections() {
    }

    /** From the raw JSON of a command that did not parse or validate: needs a {@code commandId} and an {@code account}. */
    static Optional<CommandResult> fromRaw(JsonNode raw, String problem, Instant now) {
        if (raw == null || !raw.hasNonNull("commandId") || !raw.hasNonNull("account")) {
            return Optional.empty();
        }
        Long chatId = raw.hasNonNull("chatId") && raw.get("chatId").canConvertToLong() ? raw.get("chatId").asLong() : null;
        return Optional.of(new CommandResult(raw.get("commandId").asText(), text(raw, "verb"), raw.get("account").asText(), null,
                text(raw, "symbol"), chatId, Outcome.REJECTED_INVALID, problem, null, null, now, null, null));
    }

    static CommandResult of(BotCommand c, String problem, Instant now) {
        return new CommandResult(c.commandId(), c.verb().name(), c.account(), null, c.symbol(), c.chatId(), Outcome.REJECTED_INVALID,
                problem, null, null, now, null, null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
