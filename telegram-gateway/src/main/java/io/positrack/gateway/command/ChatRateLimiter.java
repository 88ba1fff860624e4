package io.positrack.gateway.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.positrack.gateway.support.LruMap;

/**
 * A token bucket per user in a chat: {@code capacity} commands, refilled evenly over {@code per}. A user over the
 * limit is told once ("slow down") and then ignored until tokens come back; the others in the chat are not.
 * In memory, per instance: in polling mode one instance sees every update; with webhooks each replica limits what it
 * receives.
 */
public final class ChatRateLimiter {

    public enum Decision {
        ALLOWED,
        /** Over the limit, first time since the last allowed command: tell the user. */
        LIMITED_NOTIFY,
        /** Over the limit, already told: drop silently. */
        LIMITED_SILENT
    }

    /**
     * Senders tracked at most. An allow-listed group chat without a {@code users} list lets any member in, so the
     * senders are not bounded by the configuration: past the bound the sender quiet for longest is forgotten. It has
     * usually refilled and loses nothing; only more than this many senders within one refill period could get one a
     * fresh bucket.
     */
    static final int MAX_TRACKED_SENDERS = 10_000;

    private final int capacity;
    private final double tokensPerNano;
    private final Map<Sender, Bucket> buckets;

    /** Whose budget a command spends. */
    private record Sender(long chatId, long userId) {
    }

    public ChatRateLimiter(int capacity, Duration per) {
        this(capacity, per, MAX_TRACKED_SENDERS);
    }

    ChatRateLimiter(int capacity, Duration per, int maxTrackedSenders) {
        if (capacity < 1 || per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs at least one command per positive duration");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) per.toNanos();
        this.buckets = new LruMap<>(maxTrackedSenders);
    }

    /** How many senders have a bucket now. */
    synchronized int trackedSenders() {
        return buckets.size();
    }

    public synchronized Decision acquire(long chatId, long userId, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(new Sender(chatId, userId), id -> new Bucket(capacity, now));
        bucket.tokens = refill(bucket, now);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            bucket.told = false;
            return Decision.ALLOWED;
        }
        if (!bucket.told) {
            bucket.told = true;
            return Decision.LIMITED_NOTIFY;
        }
        return Decision.LIMITED_SILENT;
    }

    private double refill(Bucket bucket, Instant now) {
        long elapsed = Math.max(0, Duration.between(bucket.at, now).toNanos());
        return Math.min(capacity, bucket.tokens + elapsed * tokensPerNano);
    }

    private static final class Bucket {
        double tokens;
        Instant at;
        boolean told;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
