package io.positrack.signal.command;

import java.math.BigDecimal;
import java.util.Optional;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.signal.strategy.Signal;

/**
 * The position command a bot command becomes. Pure: what signal is current and what venue to use are
 * decided by the caller. The position command keeps the bot command's id, so a bot command forwarded
 * twice (a redelivery after a crash) has one effect: position-service's inbox drops the second.
 *
 * <p>Nothing here decides whether a position exists: {@code /getsignal} with a signal asks position-service
 * to open it, and position-service answers with the open position when there is one.
 */
public final class CommandTranslator {

    /** {@code requestedAs} of the status query that answers a {@code /getsignal} without a signal. */
    public static final String GET_SIGNAL_WITHOUT_SIGNAL = "getsignal";

    /** {@code /daily} without N: a week. */
    public static final int DEFAULT_DAILY_DAYS = 7;

    private final String venue;

    public CommandTranslator(String venue) {
        this.venue = venue;
    }

    /**
     * @param signal the symbol's current signal ({@code GET_SIGNAL} only)
     * @param quantity the quantity a signal or a manual entry opens ({@code GET_SIGNAL}, {@code LONG}, {@code SHORT})
     * @param symbol the command's symbol, or for a {@code CLOSE} by position id the position's symbol
     */
    public PositionCommand translate(BotCommand c, Optional<Signal> signal, BigDecimal quantity, String symbol) {
        return switch (c.verb()) {
            case GET_SIGNAL, OPEN_SIGNAL -> signal
                    .<PositionCommand>map(s -> new PositionCommand.OpenPosition(c.commandId(), c.account(), venue, symbol,
                            s.side(), quantity, s.entry(), s.stopLoss(), s.takeProfit(), s.signalId(), c.chatId(), c.issuedAt()))
                    .orElseGet(() -> new PositionCommand.QueryStatus(c.commandId(), c.account(), venue, symbol, c.chatId(),
                            c.issuedAt(), GET_SIGNAL_WITHOUT_SIGNAL));
            case STATUS -> new PositionCommand.QueryStatus(c.commandId(), c.account(), venue, symbol, c.chatId(), c.issuedAt(), null);
            case CLOSE -> new PositionCommand.ClosePosition(c.commandId(), c.account(), venue, symbol, c.positionId(), null,
                    c.chatId(), c.issuedAt());
            case POSITIONS -> new PositionCommand.ListOpen(c.commandId(), c.account(), c.chatId(), c.issuedAt());
            case HISTORY -> new PositionCommand.History(c.commandId(), c.account(), symbol, c.limit(), c.chatId(), c.issuedAt());
            case UPDATE_STOPS -> new PositionCommand.UpdateStops(c.commandId(), c.account(), venue, symbol, c.stopLoss(), c.takeProfit(),
                    c.chatId(), c.issuedAt());
            case LONG, SHORT -> new PositionCommand.OpenPosition(c.commandId(), c.account(), venue, symbol,
                    c.verb() == BotVerb.LONG ? Side.BUY : Side.SELL, quantity, null, null, null, null, c.chatId(), c.issuedAt());
            case PAUSE -> new PositionCommand.PauseEntries(c.commandId(), c.account(), symbol, pausedBy(c), c.chatId(), c.issuedAt());
            case RESUME -> new PositionCommand.ResumeEntries(c.commandId(), c.account(), symbol, c.chatId(), c.issuedAt());
            case PROFIT -> new PositionCommand.PnlReport(c.commandId(), c.account(), null, c.chatId(), c.issuedAt());
            case DAILY -> new PositionCommand.PnlReport(c.commandId(), c.account(), c.limit() == null ? DEFAULT_DAILY_DAYS : c.limit(),
                    c.chatId(), c.issuedAt());
            case SESSIONS -> throw new IllegalArgumentException("SESSIONS is answered by signal-service, not forwarded");
        };
    }

    /** Who paused, kept with the pause so that whoever resumes knows whom to ask. */
    private static String pausedBy(BotCommand c) {
        return c.userId() == null ? "/pause" : "/pause by user " + c.userId() + (c.chatId() == null ? "" : " in chat " + c.chatId());
    }

    /** Kafka key of a position command: its symbol, so it keeps its place among that symbol's commands; else the account. */
    public static String key(PositionCommand command) {
        return io.positrack.contracts.Topics.keyOf(command.symbol(), command.account());
    }
}
