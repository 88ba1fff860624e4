package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.botapi.BotApiException;

class SendRetryPolicyTest {

    private final SendRetryPolicy policy = new SendRetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(60));

    @Test
    void a429IsRetriedAfterExactlyItsRetryAfterCappedAtTheMaximum() {
        assertThat(policy.next(new BotApiException(429, "Too Many Requests: retry after 7", 7), 1))
                .contains(new SendRetryPolicy.Retry(Duration.ofSeconds(7), "rate_limited"));
        assertThat(policy.next(new BotApiException(429, "Too Many Requests: retry after 600", 600), 1))
                .contains(new SendRetryPolicy.Retry(Duration.ofSeconds(60), "rate_limited"));
    }

    @Test
    void serverAndNetworkErrorsBackOffExponentially() {
        assertThat(policy.next(new BotApiException(502, "Bad Gateway", null), 1)).contains(new SendRetryPolicy.Retry(Duration.ofMillis(250), "server_error"));
        assertThat(policy.next(new BotApiException(500, "Internal", null), 3)).contains(new SendRetryPolicy.Retry(Duration.ofSeconds(1), "server_error"));
        assertThat(policy.next(new IOException("Connection reset"), 2)).contains(new SendRetryPolicy.Retry(Duration.ofMillis(500), "network"));
        assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void otherClientErrorsAndTheLastAttemptAreNotRetried() {
        assertThat(policy.next(new BotApiException(400, "Bad Request: chat not found", null), 1)).isEmpty();
        assertThat(policy.next(new BotApiException(403, "Forbidden: bot was blocked by the user", null), 1)).isEmpty();
        assertThat(policy.next(new BotApiException(502, "Bad Gateway", null), 5)).isEmpty();
    }
}
