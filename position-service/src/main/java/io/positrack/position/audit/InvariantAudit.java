package io.positrack.position.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checks the database itself for what must never be there, periodically and on demand. Each check's
 * count is the gauge {@code positrack.audit.violations{check}}, which should stay 0; the report lists
 * the offending rows, so an operator never has to write the ad-hoc SQL of seed 004.
 */
@ApplicationScoped
public class InvariantAudit {

    private static final int ROWS = 100;

    /** One check: its name, what it means, its SQL and, if it has one, the threshold its {@code $1} takes (in ms). */
    private record Check(String name, String meaning, String sql, java.util.function.Function<PositionConfig.Audit, java.time.Duration> threshold) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check("duplicate_open", "more than one open position per (account, venue, symbol); the unique index makes it impossible",
                    "SELECT account, venue, symbol, count(*) AS open_rows, array_agg(id ORDER BY id)::text AS position_ids FROM positions"
                            + " WHERE " + PositionRepository.OPEN_PREDICATE + " GROUP BY account, venue, symbol HAVING count(*) > 1",
                    null),
            new Check("version_gaps", "open positions whose audit trail is not exactly versions 1..version",
                    "SELECT p.id AS position_id, p.version, count(e.version) AS events, min(e.version) AS first_version,"
                            + " max(e.version) AS last_version FROM positions p LEFT JOIN position_events e ON e.position_id = p.id"
                            + " WHERE p." + PositionRepository.OPEN_PREDICATE + " GROUP BY p.id, p.version"
                            + " HAVING count(e.version) <> p.version OR min(e.version) <> 1 OR max(e.version) <> p.version",
                    null),
            new Check("unpublished_events", "outbox rows not yet published after the threshold (relay down or stuck)",
                    "SELECT seq, aggregatetype AS topic, aggregateid AS key, type, created_at::text FROM outbox"
                            + " WHERE published_at IS NULL AND set_aside_at IS NULL AND created_at < now() - $1 * interval '1 millisecond'"
                            + " ORDER BY seq",
                    PositionConfig.Audit::unpublishedAfter),
            // Never the payload: it may be the very megabyte that got the row refused.
            new Check("set_aside_rows", "outbox rows the relay set aside unpublished (refused by Kafka for good, or too large), newest first;"
                    + " docs/operations.md says how to retry them",
                    "SELECT seq, aggregatetype AS topic, aggregateid AS key, type, set_aside_reason AS reason, set_aside_at::text FROM outbox"
                            + " WHERE set_aside_at IS NOT NULL ORDER BY set_aside_at DESC, seq DESC",
                    null),
            new Check("missing_on_venue", "filled positions open in the database that the venue has not shown for longer than the threshold",
                    "SELECT account, venue, symbol, position_id, streak, first_seen::text, last_seen::text FROM reconciliation_observations"
                            + " WHERE kind = 'GHOST' AND first_seen < now() - $1 * interval '1 millisecond' ORDER BY first_seen",
                    PositionConfig.Audit::missingOnVenueAfter));

    /** The result of one check. */
    public record Result(String check, String meaning, long count, List<Map<String, Object>> rows) {
    }

    /** A whole run. */
    public record Report(Instant checkedAt, long violations, List<Result> checks) {
    }

    private final Pool pool;
    private final PositionConfig config;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public InvariantAudit(Pool pool, PositionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        for (Check check : CHECKS) {
            AtomicLong value = new AtomicLong();
            gauges.put(check.name(), value);
            registry.gauge("positrack.audit.violations", List.of(io.micrometer.core.instrument.Tag.of("check", check.name())), value,
                    AtomicLong::get);
        }
    }

    @Scheduled(every = "${positrack.position.audit.interval:60s}", delayed = "${positrack.position.audit.interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run().invoke(report -> {
            if (report.violations() > 0) {
                Log.warnf("Invariant audit found %d violation(s): %s (GET /admin/audit lists the rows)", report.violations(),
                        report.checks().stream().filter(r -> r.count() > 0).map(r -> r.check() + "=" + r.count()).toList());
            }
        }).replaceWithVoid().onFailure().recoverWithUni(e -> {
            Log.warnf("Invariant audit failed (%s); the next run retries", e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** Runs every check now, updates the gauges and returns the report. */
    public Uni<Report> run() {
        return Multi.createFrom().iterable(CHECKS).onItem().transformToUniAndConcatenate(this::run).collect().asList()
                .map(results -> new Report(Instant.now(), results.stream().mapToLong(Result::count).sum(), results));
    }

    private Uni<Result> run(Check check) {
        var query = pool.preparedQuery(check.sql());
        return (check.threshold() != null ? query.execute(Tuple.of(check.threshold().apply(config.audit()).toMillis()))
                : query.execute()).map(rows -> {
            List<Map<String, Object>> listed = new ArrayList<>();
            long count = 0;
            for (Row row : rows) {
                count++;
                if (listed.size() < ROWS) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < row.size(); i++) {
                        Object v = row.getValue(i);
                        values.put(row.getColumnName(i), v instanceof Number || v == null ? v : v.toString());
                    }
                    listed.add(values);
                }
            }
            gauges.get(check.name()).set(count);
            return new Result(check.name(), check.meaning(), count, listed);
        });
    }
}
