package io.positrack.position.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.position.config.PositionConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Publishes outbox rows to Kafka in {@code seq} order, then marks them published.
 *
 * <p>One relay is active across all replicas: the one holding a session advisory lock on a connection
 * of its own (kept out of the pool, since a session lock belongs to one connection). That connection
 * also LISTENs for the insert trigger's NOTIFY, which wakes the relay at commit; a slow poll covers
 * lost notifications and a lost leader. If the connection dies, PostgreSQL releases the lock and a
 * standby takes over on its next poll.
 *
 * <p>Order: rows of one symbol are written by transactions that serialise on the position row (or on
 * the unique index), so their {@code seq} order is their commit order; publishing unpublished rows by
 * {@code seq}, never "after the last seq published", means a late-committing row is not skipped.
 * Delivery is at least once: a crash between send and mark republishes, and consumers deduplicate on
 * (positionId, version) or on the result's command id.
 *
 * <p>No row can stop the relay: a row the broker refuses for good ({@link SendFailures}), or one larger than
 * {@code max-record-bytes}, is set aside ({@link SetAsideRows}) and the rows behind it are published. A
 * transient failure keeps today's order: that row and the rest of its round are sent again next round.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    static final String NOTIFY_CHANNEL = "positrack_outbox";

    private final Pool pool;
    private final Vertx vertx;
    private final Emitter<String> emitter;
    private final PositionConfig config;
    private final SetAsideRows setAside;
    private final PgConnectOptions leaderOptions;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean drainAgain = new AtomicBoolean();
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile PgConnection leaderConnection;
    private volatile boolean stopped;

    public OutboxRelay(Pool pool, Vertx vertx,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
            PositionConfig config, SetAsideRows setAside, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password) {
        this.pool = pool;
        this.vertx = vertx;
        this.emitter = emitter;
        this.config = config;
        this.setAside = setAside;
        this.leaderOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user)
                .setPassword(password.orElse(""));
        Gauge.builder("positrack.outbox.leader", () -> leaderConnection != null ? 1 : 0)
                .description("1 on the replica whose relay is publishing the outbox").register(registry);
        Gauge.builder("positrack.outbox.lag.seconds", () -> lagMillis.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row").register(registry);
    }

    public boolean isLeader() {
        return leaderConnection != null;
    }

    /** Keeps (or seeks) leadership, measures the lag, and publishes what the notifications may have missed. */
    // Not before the application runs (the emitter is wired at startup) nor while it shuts down (the pool closes).
    @Scheduled(every = "${positrack.position.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return ensureLeadership()
                .call(this::measureLag)
                .invoke(leader -> {
                    if (leader) {
                        requestDrain();
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Outbox relay poll failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Starts a drain, or asks the running one to go round again, so there is never more than one. */
    public void requestDrain() {
        if (leaderConnection == null || stopped) {
            return;
        }
        drainAgain.set(true);
        if (draining.compareAndSet(false, true)) {
            drainAgain.set(false);
            drain().subscribe().with(
                    published -> finishDrain(),
                    failure -> {
                        Log.warnf("Outbox drain failed, will retry: %s", failure.toString());
                        draining.set(false);
                    });
        }
    }

    private void finishDrain() {
        draining.set(false);
        if (drainAgain.get()) {
            requestDrain();
        }
    }

    /** Publishes batches until none is left, or until a transient failure leaves the rest for the next poll. */
    private Uni<Integer> drain() {
        return publishBatch().flatMap(round -> round.more() && leaderConnection != null
                ? drain().map(more -> more + round.rows())
                : Uni.createFrom().item(round.rows()));
    }

    /** One round's size, and whether another should follow at once. */
    private record Round(int rows, boolean more) {
    }

    /**
     * Sends a batch in {@code seq} order and settles each row by its own fate ({@link RoundPlan}): one row the
     * broker refuses for good is set aside instead of failing the round, so it can never stall the rows
     * behind it. A row too large to be accepted is set aside without being sent.
     */
    private Uni<Round> publishBatch() {
        return pool.preparedQuery("""
                SELECT seq, aggregatetype, aggregateid, payload::text AS payload, headers::text AS headers
                  FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(config.outbox().batchSize()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Round(0, false));
                    }
                    List<CompletableFuture<RoundPlan.Fate>> fates = new ArrayList<>();
                    for (Row row : rows) {
                        fates.add(sendOrRefuse(OutboxRow.of(row)));
                    }
                    return Uni.createFrom().completionStage(CompletableFuture.allOf(fates.toArray(CompletableFuture[]::new)))
                            .map(ignored -> RoundPlan.of(fates.stream().map(CompletableFuture::join).toList()))
                            .call(this::settle)
                            .map(plan -> new Round(rows.size(), plan.retryFrom().isEmpty() && rows.size() >= config.outbox().batchSize()));
                });
    }

    private CompletableFuture<RoundPlan.Fate> sendOrRefuse(OutboxRow row) {
        int bytes = row.bytes();
        int max = config.outbox().maxRecordBytes();
        if (bytes > max) {
            return CompletableFuture.completedFuture(RoundPlan.Fate.refused(row.seq(),
                    "%d bytes of payload and headers, above positrack.position.outbox.max-record-bytes (%d); not sent".formatted(bytes, max)));
        }
        return send(row).handle((ignored, failure) -> failure == null ? RoundPlan.Fate.acked(row.seq())
                : RoundPlan.Fate.failed(row.seq(), failure));
    }

    /** Marks and sets aside in one transaction, so a crash in between republishes the round rather than losing an alert. */
    private Uni<Void> settle(RoundPlan plan) {
        plan.retryFrom().ifPresent(seq -> Log.warnf("Outbox row %d was not acknowledged (transient); it and the rows after it in "
                + "its round are sent again next round", seq));
        if (plan.published().isEmpty() && plan.setAside().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE outbox SET published_at = now() WHERE seq = ANY($1)")
                .execute(Tuple.of(plan.published().toArray(Long[]::new)))
                .call(() -> Multi.createFrom().iterable(plan.setAside())
                        .onItem().transformToUniAndConcatenate(row -> setAside.setAside(tx, row))
                        .collect().last())
                .replaceWithVoid());
    }

    /** Sends one row; the future completes when the broker has acknowledged it (acks=all). */
    private CompletableFuture<Void> send(OutboxRow row) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        row.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.key())
                .withHeaders(headers)
                .build();
        emitter.send(Message.of(row.payload())
                .addMetadata(metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }

    private Uni<Boolean> ensureLeadership() {
        if (leaderConnection != null) {
            return Uni.createFrom().item(true);
        }
        return PgConnection.connect(vertx, leaderOptions).flatMap(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                .execute(Tuple.of(config.outbox().advisoryLockKey()))
                .flatMap(rows -> {
                    boolean locked = rows.iterator().next().getBoolean("locked");
                    if (!locked || stopped) {
                        return connection.close().replaceWith(false);
                    }
                    connection.notificationHandler(notification -> requestDrain());
                    connection.closeHandler(() -> {
                        Log.warn("Outbox relay lost its leader connection; another replica may take over");
                        leaderConnection = null;
                    });
                    return connection.query("LISTEN " + NOTIFY_CHANNEL).execute().invoke(() -> {
                        leaderConnection = connection;
                        Log.info("Outbox relay is the active publisher");
                    }).replaceWith(true);
                }));
    }

    private Uni<Void> measureLag() {
        return pool.query("SELECT coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0)::bigint AS lag "
                + "FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL").execute()
                .invoke(rows -> lagMillis.set(rows.iterator().next().getLong("lag")))
                .replaceWithVoid();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        PgConnection connection = leaderConnection;
        leaderConnection = null;
        if (connection != null) {
            connection.closeAndForget();
        }
    }
}
