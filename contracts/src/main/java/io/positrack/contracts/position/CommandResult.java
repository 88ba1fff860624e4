package io.positrack.contracts.position;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one answer to one command, published on {@code command-results} keyed by symbol (or by account
 * for account-wide queries). The gateway renders it; nothing here is formatted for people except
 * {@code message}, a short plain-language explanation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(
        String commandId,
        String commandType,
        String account,
        String venue,
        String symbol,
        Long chatId,
        Outcome outcome,
        String message,
        PositionSnapshot position,
        List<PositionSnapshot> positions,
        Instant producedAt,
        String requestedAs,
        List<io.positrack.contracts.signal.SignalSession> sessions,
        PnlSummary pnl) {

    /** A result without a PnL summary: every outcome but {@link Outcome#PNL_REPORT}. */
    public CommandResult(String commandId, String commandType, String account, String venue, String symbol, Long chatId,
            Outcome outcome, String message, PositionSnapshot position, List<PositionSnapshot> positions, Instant producedAt,
            String requestedAs, List<io.positrack.contracts.signal.SignalSession> sessions) {
        this(commandId, commandType, account, venue, symbol, chatId, outcome, message, position, positions, producedAt,
                requestedAs, sessions, null);
    }
}
