package io.positrack.position.venue.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Keeps Binance's IP limits: a 429 pauses every request for its {@code Retry-After}; a 418 (banned for going on
 * after 429s) stops every request until the ban lifts; the weight used this minute ({@code X-MBX-USED-WEIGHT-1M})
 * makes queries wait for the next minute once it nears the limit. Orders weigh 0 on the IP limit and never wait
 * for weight. Pure and clock-driven, so it is unit-tested without a server.
 */
public final class RateLimitGuard {

    /** What to do with the next request. */
    public sealed interface Decision {
    }

    public record Send() implements Decision {
    }

    public record Wait(Duration duration, String why) implements Decision {
    }

    public record Refuse(String why) implements Decision {
    }

    private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
    private static final Duration DEFAULT_BAN = Duration.ofMinutes(2);

    private final int weightLimit;
    private final double slowDownAt;
    private Instant pausedUntil = Instant.EPOCH;
    private Instant bannedUntil = Instant.EPOCH;
    private long weightMinute = -1;
    private int usedWeight;

    public RateLimitGuard(int weightLimit, double slowDownAt) {
        this.weightLimit = weightLimit;
        this.slowDownAt = slowDownAt;
    }

    public Decision before(Instant now, int weight) {
        return before(now, weight, false);
    }

    /**
     * @param urgent a request that keeps a position safe (cancelling a stop loss or take profit whose position is
     *     gone): it may use the weight kept in reserve above {@code slowDownAt} and waits only at the limit itself
     */
    public synchronized Decision before(Instant now, int weight, boolean urgent) {
        if (now.isBefore(bannedUntil)) {
            return new Refuse("IP banned by Binance (418) until " + bannedUntil);
        }
        if (now.isBefore(pausedUntil)) {
            return new Wait(Duration.between(now, pausedUntil), "429 Retry-After");
        }
        long minute = now.toEpochMilli() / 60_000;
        if (weight > 0 && minute == weightMinute && usedWeight + weight > (urgent ? weightLimit : weightLimit * slowDownAt)) {
            return new Wait(Duration.ofMillis((minute + 1) * 60_000 - now.toEpochMilli()), "request weight " + usedWeight + " of " + weightLimit);
        }
        return new Send();
    }

    public synchronized void after(Instant now, int status, OptionalInt usedWeightHeader, OptionalLong retryAfterSeconds) {
        usedWeightHeader.ifPresent(used -> {
            weightMinute = now.toEpochMilli() / 60_000;
            usedWeight = used;
        });
        if (status == 418) {
            Instant until = now.plus(retryAfterSeconds.isPresent() ? Duration.ofSeconds(retryAfterSeconds.getAsLong()) : DEFAULT_BAN);
            bannedUntil = until.isAfter(bannedUntil) ? until : bannedUntil;
        } else if (status == 429) {
            Instant until = now.plus(retryAfterSeconds.isPresent() ? Duration.ofSeconds(retryAfterSeconds.getAsLong()) : DEFAULT_PAUSE);
            pausedUntil = until.isAfter(pausedUntil) ? until : pausedUntil;
        }
    }
}
