package io.positrack.contracts.bot;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One accepted chat command on {@code bot-commands}, keyed by symbol (by account when it has none), so
 * that one symbol's commands reach signal-service in the order the users sent them.
 *
 * @param commandId the idempotency key, derived from the Telegram update ({@code tg-<botId>-<updateId>}): a
 *     redelivered update produces the same id and therefore no second effect downstream; the answer on
 *     {@code command-results} carries it
 * @param account the trading account the chat is mapped to
 * @param symbol required for GET_SIGNAL, STATUS and UPDATE_STOPS, and for CLOSE without {@code positionId}; optional for HISTORY
 * @param positionId CLOSE {@code #ID}
 * @param limit HISTORY {@code N}
 * @param stopLoss UPDATE_STOPS: the new stop loss, or absent to keep it
 * @param takeProfit UPDATE_STOPS: the new take profit, or absent to keep it
 * @param quantity LONG and SHORT: the quantity to open, or absent for the instrument's configured quantity
 * @param signalId OPEN_SIGNAL: the pushed signal to open
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
        Instant issuedAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
        String signalId) {

    /** A command that names no signal: every verb but {@link BotVerb#OPEN_SIGNAL}. */
    public BotCommand(String commandId, BotVerb verb, String account, String symbol, Long positionId, Integer limit, Long chatId,
            Long userId, Instant issuedAt, BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal quantity) {
        this(commandId, verb, account, symbol, positionId, limit, chatId, userId, issuedAt, stopLoss, takeProfit, quantity, null);
    }

    /** A command without stops: every verb but {@link BotVerb#UPDATE_STOPS}. */
    public BotCommand(String commandId, BotVerb verb, String account, String symbol, Long positionId, Integer limit, Long chatId,
            Long userId, Instant issuedAt) {
        this(commandId, verb, account, symbol, positionId, limit, chatId, userId, issuedAt, null, null, null, null);
    }

    /** A command with stops ({@link BotVerb#UPDATE_STOPS}) and no quantity. */
    public BotCommand(String commandId, BotVerb verb, String account, String symbol, Long positionId, Integer limit, Long chatId,
            Long userId, Instant issuedAt, BigDecimal stopLoss, BigDecimal takeProfit) {
        this(commandId, verb, account, symbol, positionId, limit, chatId, userId, issuedAt, stopLoss, takeProfit, null, null);
    }
}
