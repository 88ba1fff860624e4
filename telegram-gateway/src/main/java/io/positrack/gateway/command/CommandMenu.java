package io.positrack.gateway.command;

import java.util.List;

import io.positrack.gateway.botapi.Requests;

/**
 * The commands users can type, in one place: the {@code /help} text and the "/" menu Telegram shows
 * ({@code setMyCommands} at startup) are both made from it, so they cannot disagree.
 */
public final class CommandMenu {

    /** One command: its name, its arguments as users write them, and what it does. */
    public record Entry(String command, String arguments, String description) {
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("getsignal", "[SYMBOL]", "the current signal, opened as a position unless one is open"),
            new Entry("status", "[SYMBOL]", "the open position, or the latest one"),
            new Entry("positions", "", "every open position"),
            new Entry("close", "[SYMBOL|#ID]", "close a position (asks to confirm)"),
            new Entry("stops", "SYMBOL SL TP", "move the stop loss and take profit (- keeps one)"),
            new Entry("long", "SYMBOL [QTY]", "open a long position by hand"),
            new Entry("short", "SYMBOL [QTY]", "open a short position by hand"),
            new Entry("pause", "[SYMBOL]", "stop new entries (exits go on)"),
            new Entry("resume", "[SYMBOL]", "allow new entries again"),
            new Entry("profit", "", "realized PnL in total"),
            new Entry("daily", "[N]", "realized PnL per day, last N days"),
            new Entry("history", "[N]", "the latest N finished positions"),
            new Entry("sessions", "", "signal sessions"),
            new Entry("start", "", "notifications on"),
            new Entry("stop", "", "notifications off"),
            new Entry("help", "", "what each command does"));

    private CommandMenu() {
    }

    /** The menu as {@code setMyCommands} takes it (descriptions of at most 256 characters). */
    public static List<Requests.MenuEntry> forTelegram() {
        return ENTRIES.stream()
                .map(e -> new Requests.MenuEntry(e.command(), (e.arguments().isEmpty() ? "" : e.arguments() + " – ") + e.description()))
                .toList();
    }
}
