package io.positrack.contracts.position;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A command on {@code position-commands}, keyed by symbol. The JSON carries its kind in {@code type}.
 * {@code commandId} makes delivery idempotent: the same id has one effect and one result however
 * often it arrives. {@code chatId} is passed back in the result so the gateway knows where to answer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PositionCommand.OpenPosition.class, name = "OpenPosition"),
        @JsonSubTypes.Type(value = PositionCommand.ClosePosition.class, name = "ClosePosition"),
        @JsonSubTypes.Type(value = PositionCommand.UpdateStops.class, name = "UpdateStops"),
        @JsonSubTypes.Type(value = PositionCommand.ExpirePending.class, name = "ExpirePending"),
        @JsonSubTypes.Type(value = PositionCommand.QueryStatus.class, name = "QueryStatus"),
        @JsonSubTypes.Type(value = PositionCommand.ListOpen.class, name = "ListOpen"),
        @JsonSubTypes.Type(value = PositionCommand.History.class, name = "History"),
        @JsonSubTypes.Type(value = PositionCommand.PauseEntries.class, name = "PauseEntries"),
        @JsonSubTypes.Type(value = PositionCommand.ResumeEntries.class, name = "ResumeEntries"),
        @JsonSubTypes.Type(value = PositionCommand.PnlReport.class, name = "PnlReport")
})
public sealed interface PositionCommand {

    String commandId();

    String account();

    Long chatId();

    Instant issuedAt();

    /** The symbol the command is about, or {@code null} for account-wide queries. */
    String symbol();

    /** The venue the command is about, or {@code null} for account-wide queries. */
    String venue();

    /** Whether the command may change what is held on a venue (open, close, stops, expire), not only read. */
    default boolean trades() {
        return this instanceof OpenPosition || this instanceof ClosePosition || this instanceof UpdateStops
                || this instanceof ExpirePending;
    }

    /** The name carried in {@code type}. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** Open a position for a signal or an explicit request; the answer to a duplicate is the open position. */
    record OpenPosition(String commandId, String account, String venue, String symbol, Side side,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal referencePrice,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
            String signalId, Long chatId, Instant issuedAt) implements PositionCommand {
    }

    /** Close the open position of a symbol (or the one named by {@code positionId}). */
    record ClosePosition(String commandId, String account, String venue, String symbol, Long positionId,
            String reason, Long chatId, Instant issuedAt) implements PositionCommand {
    }

    /** Move the stop loss and/or take profit of the open position. */
    record UpdateStops(String commandId, String account, String venue, String symbol,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
            Long chatId, Instant issuedAt) implements PositionCommand {
    }

    /**
     * End the symbol's position if its entry has not filled yet.
     *
     * @param positionId when present, only that position may be expired: a scheduler acting on a lagging
     *     read model must not expire the next position of the symbol
     */
    record ExpirePending(String commandId, String account, String venue, String symbol, Long chatId,
            Instant issuedAt, Long positionId) implements PositionCommand {
    }

    /**
     * The open position of a symbol, if any.
     *
     * @param requestedAs what the user asked for when it was not {@code /status} itself (signal-service sends
     *     {@code getsignal} when there is no signal); echoed in the result so the reply can say so
     */
    record QueryStatus(String commandId, String account, String venue, String symbol, Long chatId,
            Instant issuedAt, String requestedAs) implements PositionCommand {
    }

    /** Every open position of an account. */
    record ListOpen(String commandId, String account, Long chatId, Instant issuedAt) implements PositionCommand {
        @Override
        public String symbol() {
            return null;
        }

        @Override
        public String venue() {
            return null;
        }
    }

    /** The latest finished positions of an account, optionally of one symbol. */
    record History(String commandId, String account, String symbol, Integer limit, Long chatId,
            Instant issuedAt) implements PositionCommand {
        @Override
        public String venue() {
            return null;
        }
    }

    /**
     * The kill switch: position-service refuses every new entry of the account, on one symbol or ({@code symbol}
     * absent) on all of them, whatever path the entry came by, until a {@link ResumeEntries}. Exits, stops updates and
     * the venue's own fills are never paused. Pausing what is already paused keeps the first pause.
     *
     * @param reason why, for the answer and for whoever resumes (optional)
     */
    record PauseEntries(String commandId, String account, String symbol, String reason, Long chatId, Instant issuedAt)
            implements PositionCommand {
        @Override
        public String venue() {
            return null;
        }
    }

    /**
     * Lifts a pause: with a symbol, that symbol's own pause (an account-wide pause stays); without one, every pause of
     * the account.
     */
    record ResumeEntries(String commandId, String account, String symbol, Long chatId, Instant issuedAt)
            implements PositionCommand {
        @Override
        public String venue() {
            return null;
        }
    }

    /**
     * The account's realized profit and loss of finished positions: in total ({@code days} absent), or per UTC day for
     * the last {@code days} days, today included.
     */
    record PnlReport(String commandId, String account, Integer days, Long chatId, Instant issuedAt) implements PositionCommand {
        @Override
        public String symbol() {
            return null;
        }

        @Override
        public String venue() {
            return null;
        }
    }
}
