package io.positrack.contracts.bot;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One accepted chat command on {@code bot-commands}, keyed by symbol (by account when it has none), so
 * that one symbol's commands reach signal-service in the order the users sent them.
 *
 * @param commandId the idempotency key, derived from the Telegram update ({@code tg-<botId>-<updateId>}): a
 *     redelivered update produces the same id and therefore no second effect downstream; the answer on
 *     {@code command-results} carries it
 * @param account the trading account the chat is mapped to
 * @param symbol required for GET_SIGNAL and STATUS, and for CLOSE without {@code positionId}; optional for HISTORY
 * @param positionId CLOSE {@code #ID}
 * @param limit HISTORY {@code N}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BotCommand(
        String commandId,
        BotVerb verb,
        String account,
        String symbol,
        Long positionId,
        Integer limit,
        Long chatId,
        Long userId,
        Instant issuedAt) {
}
