package io.positrack.infra.telegram;

/**
 * A failure the stand-in answers one Bot API call with instead of serving it, as Telegram or the network
 * does now and then: tests inject them to prove that clients back off, retry and stay correct.
 *
 * @param kind what goes wrong
 * @param status the HTTP status of {@link Kind#RATE_LIMITED} (429) and {@link Kind#SERVER_ERROR} answers
 * @param retryAfterSeconds {@code parameters.retry_after} of a {@link Kind#RATE_LIMITED} answer
 */
public record Fault(Kind kind, int status, int retryAfterSeconds) {

    public enum Kind {
        /** 429 Too Many Requests with {@code parameters.retry_after}; nothing is delivered. */
        RATE_LIMITED,
        /** A 5xx answer (Telegram's front end answers 502 or 504 under load); nothing is delivered. */
        SERVER_ERROR,
        /** The connection closes without any answer; nothing is delivered. */
        DROP_CONNECTION
    }

    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMITED, 429, retryAfterSeconds);
    }

    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a server error status: " + status);
        }
        return new Fault(Kind.SERVER_ERROR, status, 0);
    }

    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, 0);
    }
}
