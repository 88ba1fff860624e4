package io.positrack.gateway.botapi;

import java.time.Duration;
import java.util.Optional;

/**
 * The Bot API answered {@code ok: false}: its error code (the HTTP status), description and, for 429, how long
 * to wait. The message holds only what Telegram said, never the request URL (which carries the token).
 */
public class BotApiException extends RuntimeException {

    private final int errorCode;
    private final Integer retryAfterSeconds;

    public BotApiException(int errorCode, String description, Integer retryAfterSeconds) {
        super(errorCode + " " + description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int errorCode() {
        return errorCode;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfterSeconds).map(Duration::ofSeconds);
    }

    public boolean isConflict() {
        return errorCode == 409;
    }

    public boolean isRateLimited() {
        return errorCode == 429;
    }

    public boolean isServerError() {
        return errorCode >= 500;
    }
}
