package io.positrack.gateway.maintenance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.positrack.runtime.retention.BatchedDelete;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

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


    private final Pool pool;
    private final GatewayConfig config;
    private final BatchedDelete updates;
    private final BatchedDelete replies;

    public RetentionPurge(Pool pool, GatewayConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.updates = new BatchedDelete("processed_updates", "processed_updates", """
                SELECT ctid FROM processed_updates WHERE processed_at < now() - make_interval(secs => $1::bigint)
                 LIMIT $2 FOR UPDATE SKIP LOCKED""", registry);
        this.replies = new BatchedDelete("sent_replies", "sent_replies", """
                SELECT ctid FROM sent_replies WHERE claimed_at < now() - make_interval(secs => $1::bigint)
                 LIMIT $2 FOR UPDATE SKIP LOCKED""", registry);
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
        return updates.run(pool, r.updates(), r)
                .flatMap(u -> replies.run(pool, r.replies(), r).map(p -> new Purged(u.deleted(), p.deleted())))
                .invoke(p -> Log.infof("Retention pruned %d rows (processed_updates=%d, sent_replies=%d) in %d ms", p.updates() + p.replies(),
                        p.updates(), p.replies(), (System.nanoTime() - started) / 1_000_000));
    }
}
