package io.positrack.gateway.maintenance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes dedupe records older than their retention ({@link RetentionFloors} says how old they must be allowed to
 * get), in batches of their own short statements, and logs one line per run. Ages are measured on the database's
 * clock, which stamped the rows; {@code SKIP LOCKED} lets replicas prune side by side and passes over a claim in use.
 */
@ApplicationScoped
public class RetentionPurge {

    /** What one run deleted. */
    public record Purged(long updates, long replies) {
    }

    private static final String UPDATES = """
            DELETE FROM processed_updates WHERE ctid = ANY (ARRAY (
                SELECT ctid FROM processed_updates WHERE processed_at < now() - make_interval(secs => $1::bigint)
                 LIMIT $2 FOR UPDATE SKIP LOCKED))""";

    private static final String REPLIES = """
            DELETE FROM sent_replies WHERE ctid = ANY (ARRAY (
                SELECT ctid FROM sent_replies WHERE claimed_at < now() - make_interval(secs => $1::bigint)
                 LIMIT $2 FOR UPDATE SKIP LOCKED))""";

    private final Pool pool;
    private final GatewayConfig config;
    private final Counter updatesPruned;
    private final Counter repliesPruned;

    public RetentionPurge(Pool pool, GatewayConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.updatesPruned = pruned(registry, "processed_updates");
        this.repliesPruned = pruned(registry, "sent_replies");
    }

    private static Counter pruned(MeterRegistry registry, String table) {
        return Counter.builder("positrack.retention.pruned").tag("table", table)
                .description("Rows deleted by the retention prune because they outlived their table's retention").register(registry);
    }

    /** A retention too short for "once" is refused loudly: the gateway does not start. */
    void refuseUnsafeRetention(@Observes StartupEvent startup) {
        List<String> problems = RetentionFloors.problems(config.retention());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with this retention: " + String.join("; ", problems));
        }
    }

    @Scheduled(every = "${positrack.telegram.retention.interval:1h}", delayed = "${positrack.telegram.retention.initial-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return purge().onFailure().recoverWithUni(e -> {
            Log.warnf("Retention run failed (%s); the next run retries", e.toString());
            return Uni.createFrom().nullItem();
        }).replaceWithVoid();
    }

    /** One run over both tables. */
    public Uni<Purged> purge() {
        GatewayConfig.Retention r = config.retention();
        long started = System.nanoTime();
        return batches(UPDATES, r.updates().toSeconds(), updatesPruned, 0, 0L)
                .flatMap(updates -> batches(REPLIES, r.replies().toSeconds(), repliesPruned, 0, 0L).map(replies -> new Purged(updates, replies)))
                .invoke(p -> Log.infof("Retention pruned %d rows (processed_updates=%d, sent_replies=%d) in %d ms", p.updates() + p.replies(),
                        p.updates(), p.replies(), (System.nanoTime() - started) / 1_000_000));
    }

    private Uni<Long> batches(String sql, long maxAgeSeconds, Counter counter, int done, long deletedSoFar) {
        GatewayConfig.Retention r = config.retention();
        return pool.preparedQuery(sql).execute(Tuple.of(maxAgeSeconds, r.batchSize())).flatMap(rows -> {
            int deleted = rows.rowCount();
            counter.increment(deleted);
            // A full batch means more may be waiting; the run's budget keeps one run short.
            return deleted >= r.batchSize() && done + 1 < r.maxBatchesPerRun()
                    ? batches(sql, maxAgeSeconds, counter, done + 1, deletedSoFar + deleted)
                    : Uni.createFrom().item(deletedSoFar + deleted);
        });
    }
}
