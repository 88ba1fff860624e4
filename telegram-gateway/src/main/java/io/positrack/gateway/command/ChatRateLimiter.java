package io.positrack.gateway.command;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per chat: {@code capacity} commands, refilled evenly over {@code per}. A chat over its limit is
 * told once ("slow down") and then ignored until tokens come back. In memory, per instance: in polling mode one
 * instance sees every update; with webhooks each replica limits what it receives.
 */
public final class ChatRateLimiter {

    public enum Decision {
        ALLOWED,
        /** Over the limit, first time since the last allowed command: tell the user. */
        LIMITED_NOTIFY,
        /** Over the limit, already told: drop silently. */
        LIMITED_SILENT
    }

    private static final int MAX_TRACKED_CHATS = 10_000;

    private final int capacity;
    private final double tokensPerNano;
    private final Map<Long, Bucket> buckets = new HashMap<>();

    public ChatRateLimiter(int capacity, Duration per) {
        if (capacity < 1 || per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs at least one command per positive duration");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) per.toNanos();
    }

    public synchronized Decision acquire(long chatId, Instant now) {
        if (buckets.size() >= MAX_TRACKED_CHATS && !buckets.containsKey(chatId)) {
            // Bounded memory: forget chats whose bucket has refilled (they lose nothing).
            buckets.values().removeIf(b -> refill(b, now) >= capacity);
        }
        Bucket bucket = buckets.computeIfAbsent(chatId, id -> new Bucket(capacity, now));
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
