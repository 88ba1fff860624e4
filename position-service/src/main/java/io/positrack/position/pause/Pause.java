package io.positrack.position.pause;

import java.time.Instant;

/**
 * One pause in force.
 *
 * @param symbol the paused symbol, or {@code null} when every symbol of the account is paused
 * @param reason what the one who paused said, or {@code null}
 */
public record Pause(String account, String symbol, String reason, String commandId, Instant pausedAt) {

    public boolean accountWide() {
        return symbol == null;
    }

    /** "every symbol" or the symbol, for messages. */
    public String scope() {
        return accountWide() ? "every symbol" : symbol;
    }
}
