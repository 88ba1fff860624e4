package io.positrack.position.venue.binance;

/** A request not sent because of Binance's rate limits (a 418 ban, or a 429 pause longer than we wait). */
public class RateLimitedException extends RuntimeException {

    public RateLimitedException(String message) {
        super(message);
    }
}
