package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.positrack.gateway.botapi.BotApiException;
import io.positrack.runtime.consumer.TransientFailures;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;

/**
 * The consumers no longer retry on their own: the pipeline retries what {@link TransientFailures} calls passing
 * and dead-letters the rest. So the faults {@link ReplySender#sendOnce} lets through (its claim and its mark
 * in {@code sent_replies}) must be classified passing, with the failures the real driver produces, while a
 * Bot API refusal, which ReplySender keeps to itself, would not be.
 */
class DatabaseFaultsArePassingTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsTheClaimWithAPassingFault() throws Exception {
        Pool pool = pool(freePort());

        Throwable failure = claimFailure(new SentReplies(pool));

        assertThat(TransientFailures.isTransient(failure)).as(failure.toString()).isTrue();
    }

    @Test
    void aPoolClosedUnderTheConsumerAtShutdownFailsTheClaimWithAPassingFault() throws Exception {
        Pool pool = pool(freePort());
        pool.closeAndAwait();

        Throwable failure = claimFailure(new SentReplies(pool));

        assertThat(TransientFailures.isTransient(failure)).as(failure.toString()).isTrue();
    }

    @Test
    void aLostOrRestartingServerIsPassingButARefusedStatementIsNot() {
        assertThat(TransientFailures.isTransient(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
        assertThat(TransientFailures.isTransient(new PgException("terminating connection due to administrator command", "FATAL",
                "57P01", null))).isTrue();
        assertThat(TransientFailures.isTransient(new PgException("cannot connect now", "FATAL", "57P03", null))).isTrue();
        // A statement the database refuses would be refused again: dead-lettered, not retried forever.
        assertThat(TransientFailures.isTransient(new PgException("value too long", "ERROR", "22001", null))).isFalse();
    }

    @Test
    void aBotApiRefusalIsNotPassingSoItMustStayInsideTheSender() {
        assertThat(TransientFailures.isTransient(new BotApiException(403, "Forbidden: bot was blocked by the user", null))).isFalse();
    }

    private Pool pool(int port) {
        PgConnectOptions connect = new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("gateway")
                .setUser("nobody").setPassword("nothing").setConnectTimeout(2000);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(connect).using(vertx).build();
    }

    private static Throwable claimFailure(SentReplies replies) {
        return replies.claim("key", 1L, ReplyKind.RESULT, "test")
                .subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure(Duration.ofSeconds(10)).getFailure();
    }

    /** A port nothing listens on (bound, then released). */
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
