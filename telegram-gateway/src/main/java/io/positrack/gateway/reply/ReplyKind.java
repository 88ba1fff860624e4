package io.positrack.gateway.reply;

/** Why a message is sent; the {@code kind} tag of the reply metrics. */
public enum ReplyKind {
    /** The gateway's own answer to an update: help, a validation problem, a refusal. */
    DIRECT,
    /** The rendering of a {@code command-results} record. */
    RESULT,
    /** A {@code position-events} alert to a subscribed chat. */
    NOTIFICATION;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
