package io.positrack.position.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;

/** Which failures are retried (the message waits) and which are dead-lettered. */
class TransientFailuresTest {

    @Test
    void aPoolClosedDuringShutdownIsRetriedNotDeadLettered() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new NoStackTraceThrowable("Pool closed")))).isTrue();
    }

    @Test
    void aProgrammingErrorIsPermanent() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(new NoStackTraceThrowable("something else"))).isFalse();
    }
}
