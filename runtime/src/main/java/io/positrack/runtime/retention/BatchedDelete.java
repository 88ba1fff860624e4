package io.positrack.runtime.retention;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes one table's old rows in batches, the one way every service prunes: each batch is its own statement that
 * deletes, by physical row id, at most {@code batch-size} rows an "old rows" query selected; batches follow each other
 * while they come back full, up to the run's budget. The query takes the maximum age in seconds as {@code $1} and the
 * batch size as {@code $2}, and should end with {@code LIMIT $2 FOR UPDATE SKIP LOCKED}: replicas then prune side by
 * side, and a row in use is left for the next run. A row updated after it was selected has another ctid and is not
 * deleted unseen. Ages are measured on the database's clock, the one that stamped the rows.
 */
public final class BatchedDelete {

    /** What one table's run deleted, and whether it stopped because the budget was used up (old rows may remain). */
    public record Result(long deleted, boolean budgetUsedUp) {
    }

    private final String sql;
    private final Counter pruned;

    /**
     * @param label the metric tag and log name ({@code positrack.retention.pruned{table}})
     * @param oldRows a query selecting the {@code ctid}s of rows old enough to go (see the class comment)
     */
    public BatchedDelete(String label, String table, String oldRows, MeterRegistry registry) {
        this.sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY (" + oldRows + "))";
        this.pruned = Counter.builder("positrack.retention.pruned").tag("table", label)
                .description("Rows deleted by the retention prune because they outlived their table's retention").register(registry);
    }

    /** The batch statement (for tests and logs). */
    public String statement() {
        return sql;
    }

    /** Deletes rows older than {@code maxAge}, batch after batch, within the budget. */
    public Uni<Result> run(Pool pool, Duration maxAge, BatchBudget budget) {
        return batch(pool, maxAge.toSeconds(), budget, 0, 0L);
    }

    private Uni<Result> batch(Pool pool, long maxAgeSeconds, BatchBudget budget, int batchesDone, long deletedSoFar) {
        return pool.preparedQuery(sql).execute(Tuple.of(maxAgeSeconds, budget.batchSize())).flatMap(rows -> {
            int deleted = rows.rowCount();
            pruned.increment(deleted);
            int done = batchesDone + 1;
            long total = deletedSoFar + deleted;
            if (another(deleted, budget.batchSize(), done, budget.maxBatchesPerRun())) {
                return batch(pool, maxAgeSeconds, budget, done, total);
            }
            return Uni.createFrom().item(new Result(total, deleted >= budget.batchSize()));
        });
    }

    /**
     * Whether to delete another batch: a full batch means more old rows may be waiting, a short one that none are.
     * Bounded by the run's budget so one run never holds the database for long.
     */
    public static boolean another(long deletedInBatch, int batchSize, int batchesDone, int maxBatches) {
        return deletedInBatch >= batchSize && batchesDone < maxBatches;
    }
}
