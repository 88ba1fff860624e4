package io.positrack.gateway.command;

import io.positrack.gateway.reply.Html;

/** The gateway's own texts (HTML), kept together so their tone stays one. */
final class Replies {

    static final String REFUSED_CHAT = "This chat is not allowed to use this bot.";
    static final String REFUSED_USER = "You are not allowed to use this bot in this chat.";
    static final String REFUSED_ADMIN = "Only this chat's admins may close positions.";
    static final String SUBSCRIBED_NOTE = "You will get a message when a position of this chat's account opens, fills, closes or is adopted. /stop ends that.";
    static final String UNSUBSCRIBED = "Notifications are off. /start turns them on again.";

    private Replies() {
    }

    static String welcome(String account, String defaultSymbol) {
        return "👋 <b>Positrack</b> for account " + Html.bold(account) + ".\n" + SUBSCRIBED_NOTE + "\n\n" + help(defaultSymbol);
    }

    static String help(String defaultSymbol) {
        String symbol = Html.escape(defaultSymbol);
        return "<b>Commands</b>\n"
                + "/getsignal [SYMBOL] – the current signal, opened as a position unless one is open\n"
                + "/status [SYMBOL] – the open position, or the latest one\n"
                + "/positions – every open position\n"
                + "/close [SYMBOL|#ID] – close a position\n"
                + "/history [N] – the latest N finished positions\n"
                + "/sessions – signal sessions\n"
                + "/start, /stop – notifications on or off\n"
                + "Without SYMBOL: " + symbol + ".";
    }

    static String slowDown(long perSeconds, int commands) {
        return "Slow down: at most " + commands + " commands every " + perSeconds + " s. Try again in a moment.";
    }
}
