package io.positrack.position.retention;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.position.config.PositionConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.positrack.runtime.retention.BatchedDelete;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes rows older than their table's retention ({@link PrunedTable}), in batches of its own short transactions,
 * table after table, and logs one line per run. Every replica may run it: {@code SKIP LOCKED} shares the rows out.
 */
@ApplicationScoped
public class RetentionPruner {

    private final Pool pool;
    private final PositionConfig config;
    private final Map<PrunedTable, BatchedDelete> deletes = new EnumMap<>(PrunedTable.class);

    public RetentionPruner(Pool pool, PositionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        for (PrunedTable t : PrunedTable.values()) {
            deletes.put(t, t.batchedDelete(registry));
        }
    }

    /** A retention too short to keep dedupe sound is refused loudly: the service does not start. */
    void refuseUnsafeRetention(@Observes StartupEvent startup) {
        List<String> problems = RetentionFloors.problems(config.retention(), config.reconciliation().interval(),
                config.reconciliation().confirmations());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with this retention: " + String.join("; ", problems));
        }
    }

    @Scheduled(every = "${positrack.position.retention.interval:1h}", delayed = "${positrack.position.retention.initial-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return pruneAll().onFailure().recoverWithUni(e -> {
            Log.warnf("Retention run failed (%s); the next run retries", e.toString());
            return Uni.createFrom().nullItem();
        }).replaceWithVoid();
    }

    /** One run over every table; what it deleted. */
    public Uni<PruneRun> pruneAll() {
        Map<PrunedTable, Long> counts = new EnumMap<>(PrunedTable.class);
        Set<PrunedTable> unfinished = EnumSet.noneOf(PrunedTable.class);
        long started = System.nanoTime();
        return Multi.createFrom().items(PrunedTable.values())
                .onItem().transformToUniAndConcatenate(t -> deletes.get(t).run(pool, t.maxAge(config.retention()), config.retention())
                        .invoke(result -> {
                            counts.put(t, result.deleted());
                            if (result.budgetUsedUp()) {
                                unfinished.add(t);
                            }
                        }))
                .collect().last()
                .map(last -> new PruneRun(counts, unfinished))
                .invoke(run -> Log.infof("%s in %d ms", run.summary(), (System.nanoTime() - started) / 1_000_000));
    }
}
