package io.positrack.runtime.retention;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * How a service's retention prune runs: how often, and how much one run may delete. Each service's retention
 * configuration extends it, so the keys ({@code interval}, {@code initial-delay}, {@code batch-size},
 * {@code max-batches-per-run}) and their defaults are the same everywhere.
 */
public interface BatchBudget {

    /** How often old rows are pruned. */
    @WithDefault("1h")
    Duration interval();

    /** Delay of the first prune after startup. */
    @WithDefault("5m")
    Duration initialDelay();

    /** Rows deleted per statement: each batch is its own short transaction, never one giant DELETE. */
    @WithDefault("1000")
    int batchSize();

    /** Batches per table and run at most, so one run stays short; what is left is pruned by the next run. */
    @WithDefault("200")
    int maxBatchesPerRun();
}
