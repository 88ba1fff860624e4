package io.positrack.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.command.ChatRateLimiter.Decision;

class ChatRateLimiterTest {

    private final Instant t0 = Instant.parse("2026-11-21T05:00:00Z");

    @Test
    void aUserMaySendTheCapacityThenIsToldOnceThenIgnored() {
        ChatRateLimiter limiter = new ChatRateLimiter(3, Duration.ofSeconds(60));

        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.ALLOWED);
        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.ALLOWED);
        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.ALLOWED);
        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.LIMITED_NOTIFY);
        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.LIMITED_SILENT);
    }

    @Test
    void tokensComeBackOverTimeAndChatsAreLimitedSeparately() {
        ChatRateLimiter limiter = new ChatRateLimiter(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            limiter.acquire(1, 10, t0);
        }

        assertThat(limiter.acquire(2, 10, t0)).isEqualTo(Decision.ALLOWED);
        assertThat(limiter.acquire(1, 10, t0.plusSeconds(19))).isEqualTo(Decision.LIMITED_NOTIFY);
        assertThat(limiter.acquire(1, 10, t0.plusSeconds(21))).isEqualTo(Decision.ALLOWED);
        // Told again after a command went through and the limit is hit anew.
        assertThat(limiter.acquire(1, 10, t0.plusSeconds(21))).isEqualTo(Decision.LIMITED_NOTIFY);
    }

    @Test
    void oneUserOverTheLimitDoesNotSilenceAnotherUserOfTheSameChat() {
        ChatRateLimiter limiter = new ChatRateLimiter(3, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            limiter.acquire(1, 10, t0);
        }

        assertThat(limiter.acquire(1, 11, t0)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aFloodOfSendersNeverGrowsTheLimiterPastItsBound() {
        ChatRateLimiter limiter = new ChatRateLimiter(3, Duration.ofSeconds(60), 100);
        for (long user = 0; user < 10_000; user++) {
            // All within one refill period: none of them has refilled, which the old sweep needed to forget one.
            limiter.acquire(-100, user, t0);
        }

        assertThat(limiter.trackedSenders()).isEqualTo(100);
    }

    @Test
    void theSenderQuietLongestIsForgottenNotTheLimitedOneThatKeepsSending() {
        ChatRateLimiter limiter = new ChatRateLimiter(1, Duration.ofSeconds(60), 3);
        limiter.acquire(1, 10, t0);
        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.LIMITED_NOTIFY);
        limiter.acquire(1, 20, t0);
        limiter.acquire(1, 30, t0);
        // User 10 speaks again, so the sender quiet longest is 20: user 40 pushes out 20, not the limited user 10.
        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.LIMITED_SILENT);
        limiter.acquire(1, 40, t0);

        assertThat(limiter.acquire(1, 10, t0)).isEqualTo(Decision.LIMITED_SILENT);
        assertThat(limiter.trackedSenders()).isEqualTo(3);
    }
}
