package io.positrack.gateway.command;

import io.positrack.gateway.reply.Html;

/** The gateway's own texts (HTML), kept together so their tone stays one. */
final class Replies {

    static final String REFUSED_CHAT = "This chat is not allowed to use this bot.";
    static final String REFUSED_USER = "You are not allowed to use this bot in this chat.";
    static final String REFUSED_ADMIN = "Only this chat's admins may close positions or move their stops.";
    static final String SUBSCRIBED_NOTE = "You will get a message when a position of this chat's account opens, fills, closes or is adopted. /stop ends that.";
    static final String FROM_THE_FUTURE = "This message is dated ahead of Positrack's clock; it was not executed. Please send it again.";
    static final String UNSUBSCRIBED = "Notifications are off. /start turns them on again.";

    private Replies() {
    }

    static String welcome(String account, String defaultSymbol) {
        return "👋 <b>Positrack</b> for account " + Html.bold(account) + ".\n" + SUBSCRIBED_NOTE + "\n\n" + help(defaultSymbol);
    }

    static String help(String defaultSymbol) {
        StringBuilder help = new StringBuilder("<b>Commands</b>\n");
        for (CommandMenu.Entry e : CommandMenu.ENTRIES) {
            help.append('/').append(e.command()).append(e.arguments().isEmpty() ? "" : " " + Html.escape(e.arguments()))
                    .append(" – ").append(Html.escape(e.description())).append('\n');
        }
        return help.append("Without SYMBOL: ").append(Html.escape(defaultSymbol))
                .append("; /pause and /resume without SYMBOL: every symbol.").toString();
    }

    static String tooOld(long ageSeconds, long limitSeconds) {
        return "This command was sent " + ageSeconds + " s ago, while Positrack was offline; not executed (commands older than "
                + limitSeconds + " s are not run late). Send it again if you still want it.";
    }

    static String confirmationTooOld(long ageSeconds, long limitSeconds) {
        return "This confirmation is " + ageSeconds + " s old (the limit is " + limitSeconds
                + " s), perhaps sent while Positrack was offline; nothing was closed. Send /close again if you still want it.";
    }

    static String closeQuestion(String target, long limitSeconds) {
        return "Close " + Html.bold(target) + "? Confirm within " + limitSeconds + " s; without Confirm nothing is closed.";
    }

    static String slowDown(long perSeconds, int commands) {
        return "Slow down: at most " + commands + " commands every " + perSeconds + " s. Try again in a moment.";
    }
}
