package io.positrack.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;

/** Which failures are retried (the message waits) and which are dead-lettered. */
class TransientFailuresTest {

    @Test
    void aPoolClosedDuringShutdownIsRetriedNotDeadLettered() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new NoStackTraceThrowable("Pool closed")))).isTrue();
        assertThat(TransientFailures.isTransient(new NoStackTraceThrowable("Connection is not active now, current status: CLOSING")))
                .isTrue();
    }

    @Test
    void anUnreachableDatabaseOrBrokerIsPassing() {
        assertThat(TransientFailures.isTransient(new java.net.ConnectException("Connection refused"))).isTrue();
        assertThat(TransientFailures.isTransient(new io.vertx.pgclient.PgException("shutting down", "FATAL", "57P01", null))).isTrue();
        assertThat(TransientFailures.isTransient(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moved"))).isTrue();
    }

    @Test
    void aNumericOverflowIsPermanent() {
        assertThat(TransientFailures.isTransient(new io.vertx.pgclient.PgException("numeric field overflow", "ERROR", "22003", null)))
                .isFalse();
    }

    @Test
    void aProgrammingErrorIsPermanent() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(new NoStackTraceThrowable("something else"))).isFalse();
    }
}
