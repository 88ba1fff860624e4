package io.positrack.gateway.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.config.GatewayConfig;

class RetentionFloorsTest {

    private record Retention(Duration interval, Duration initialDelay, int batchSize, int maxBatchesPerRun, Duration updates,
            Duration replies) implements GatewayConfig.Retention {
    }

    private static Retention keeping(Duration updates, Duration replies) {
        return new Retention(Duration.ofHours(1), Duration.ofMinutes(5), 1000, 200, updates, replies);
    }

    @Test
    void theDefaultsAreAccepted() {
        assertThat(RetentionFloors.problems(keeping(Duration.ofDays(7), Duration.ofDays(35)))).isEmpty();
    }

    @Test
    void updatesKeptNoLongerThanTelegramRedeliversAreRefused() {
        assertThat(RetentionFloors.problems(keeping(Duration.ofHours(24), Duration.ofDays(35)))).singleElement().asString()
                .contains("retention.updates", "24 hours");
        assertThat(RetentionFloors.problems(keeping(Duration.ofHours(25), Duration.ofDays(35)))).isEmpty();
    }

    @Test
    void repliesKeptNoLongerThanAlertsAndDeadLettersAreRefused() {
        assertThat(RetentionFloors.problems(keeping(Duration.ofDays(7), Duration.ofDays(7)))).singleElement().asString()
                .contains("retention.replies", "30 days");
        assertThat(RetentionFloors.problems(keeping(Duration.ofDays(7), Duration.ofDays(30)))).hasSize(1);
    }

    @Test
    void aBatchSizeOutsideItsBoundsIsRefused() {
        assertThat(RetentionFloors.problems(new Retention(Duration.ofHours(1), Duration.ZERO, 0, 200, Duration.ofDays(7), Duration.ofDays(35))))
                .hasSize(1);
        assertThat(RetentionFloors.problems(new Retention(Duration.ofHours(1), Duration.ZERO, 20_000, 200, Duration.ofDays(7),
                Duration.ofDays(35)))).hasSize(1);
    }
}
