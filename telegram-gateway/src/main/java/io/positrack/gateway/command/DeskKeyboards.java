package io.positrack.gateway.command;

import java.util.List;
import java.util.Optional;

import io.positrack.gateway.botapi.Requests.InlineKeyboardButton;
import io.positrack.gateway.botapi.Requests.InlineKeyboardMarkup;

/** The desk's inline keyboards. Pure; a keyboard whose data would not fit Telegram's 64 bytes is not offered. */
public final class DeskKeyboards {

    private DeskKeyboards() {
    }

    /** Open / Ignore under a pushed signal. */
    public static Optional<InlineKeyboardMarkup> signal(String signalId, String symbol) {
        return row(button("✅ Open", new CallbackData.Open(signalId, symbol)), button("✖️ Ignore", new CallbackData.Ignore(signalId, symbol)));
    }

    /** Confirm / Cancel under a {@code /close} question. */
    public static Optional<InlineKeyboardMarkup> closeConfirmation(String symbol, Long positionId) {
        return row(button("Confirm close", new CallbackData.ConfirmClose(symbol, positionId)),
                button("Cancel", new CallbackData.CancelClose(symbol, positionId)));
    }

    private static Optional<InlineKeyboardButton> button(String text, CallbackData data) {
        return CallbackData.encode(data).map(encoded -> new InlineKeyboardButton(text, encoded));
    }

    private static Optional<InlineKeyboardMarkup> row(Optional<InlineKeyboardButton> first, Optional<InlineKeyboardButton> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InlineKeyboardMarkup(List.of(List.of(first.get(), second.get()))));
    }
}
