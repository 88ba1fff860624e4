package io.positrack.gateway.reply;

import java.time.Duration;
import java.util.Optional;

import io.positrack.gateway.botapi.BotApiException;

/**
 * When a failed {@code sendMessage} is tried again: after a 429, exactly as long as {@code retry_after} says
 * (capped); after a 5xx or a network failure, with exponential back-off; never after any other 4xx (the request
 * itself is wrong, or the bot was blocked). Pure.
 */
public final class SendRetryPolicy {

    /** The wait before the next attempt and why, as the metric's tag. */
    public record Retry(Duration delay, String reason) {
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    public SendRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * @param attempts attempts made so far, the failed one included
     */
    public Optional<Retry> next(Throwable failure, int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        if (failure instanceof BotApiException api) {
            if (api.isRateLimited()) {
                Duration wait = api.retryAfter().orElse(backoff(attempts));
                return Optional.of(new Retry(wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait, "rate_limited"));
            }
            if (api.isServerError()) {
                return Optional.of(new Retry(backoff(attempts), "server_error"));
            }
            return Optional.empty();
        }
        return Optional.of(new Retry(backoff(attempts), "network"));
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
