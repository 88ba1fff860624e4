package io.positrack.position.reconciliation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.command.Inbox;
import io.positrack.position.config.PositionConfig;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.VenueAction;
import io.positrack.position.venue.VenueDispatcher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies one venue position report: the heart of reconciliation.
 *
 * <ol>
 * <li>A report seen before (inbox) or partial ({@code complete = false}: unknown) changes nothing.</li>
 * <li>A report older than the key's watermark is stale (it cannot know about the last fill we
 * applied): ignored and counted. A report as of exactly the fill's transaction time knows it: venues
 * stamp a position with the time of the fill that changed it (Binance's {@code updateTime} equals the
 * fill's {@code T}). This is the rule that replaces seed 001's two-second cooldown; it holds
 * for any lag and waits on nothing.</li>
 * <li>A fresh report is compared with the open row ({@link Discrepancy}). A discrepancy is acted on only
 * when the configured number of consecutive fresh reports has shown exactly the same one; anything
 * else resets the count. So one snapshot alone never creates, closes or resizes a position, and never
 * places an order.</li>
 * <li>Orphans are adopted through the same partial unique index as every open, so two reconcilers at
 * once adopt once (seed 004); ghosts are closed RECONCILED with no exit order; sizes follow the venue.</li>
 * </ol>
 * Reports for one key are serialised by a transaction-scoped advisory lock, whichever replica or
 * scheduler sends them.
 */
@ApplicationScoped
public class PositionReportHandler {

    static final String INBOX_SOURCE = "venue-reports";

    /**
     * The inbox source of the lines of a snapshot this service asked for itself ({@link Reconciler}). Their ids are
     * fresh each run and no topic holds them, so nothing can deliver one again: the retention prunes them much sooner
     * than reports from {@code venue-events} (docs/architecture.md "Bounded storage").
     */
    public static final String SNAPSHOT_SOURCE = "venue-snapshots";

    private final Pool pool;
    private final Inbox inbox;
    private final VenueWatermarks watermarks;
    private final VenuePositions venuePositions;
    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final VenueDispatcher venues;
    private final PositionConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final SizeAdjustment sizes;
    private final OutsideClock outsideClock;
    private final Set<String> staleLogged = ConcurrentHashMap.newKeySet();

    public PositionReportHandler(Pool pool, Inbox inbox, VenueWatermarks watermarks, VenuePositions venuePositions,
            PositionRepository positions, TransitionWriter transitions, VenueDispatcher venues, PositionConfig config, Clock clock,
            MeterRegistry registry, SizeAdjustment sizes, OutsideClock outsideClock) {
        this.outsideClock = outsideClock;
        this.sizes = sizes;
        this.pool = pool;
        this.inbox = inbox;
        this.watermarks = watermarks;
        this.venuePositions = venuePositions;
        this.positions = positions;
        this.transitions = transitions;
        this.venues = venues;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        for (String outcome : List.of("stale", "refused_time", "unknown", "in_sync", "entry_pending", "observed", "adopted", "ghost_closed",
                "adjusted")) {
            registry.counter("positrack.reconciliation.reports", "outcome", outcome);
        }
    }

    /** The outcome of applying one report from {@code venue-events}, for metrics, logs and tests. */
    public Uni<String> apply(VenuePositionReport report) {
        return apply(report, INBOX_SOURCE);
    }

    /** The outcome of applying one line of a snapshot this service took itself (never redelivered). */
    public Uni<String> applySnapshotLine(VenuePositionReport report) {
        return apply(report, SNAPSHOT_SOURCE);
    }

    private Uni<String> apply(VenuePositionReport report, String source) {
        return pool.withTransaction(tx -> inbox.claim(tx, source, Inbox.UNSCOPED, report.reportId(), null).flatMap(claim -> {
            if (claim != Inbox.Claim.FIRST) {
                return Uni.createFrom().item(new Applied("duplicate", List.of()));
            }
            if (!report.complete()) {
                return Uni.createFrom().item(new Applied("unknown", List.of()));
            }
            // Reports from a snapshot come here without the consumer's rules: a venue clock ahead of ours is refused
            // here too, so no as-of beyond our clock is ever stored (I14).
            if (!outsideClock.asOf(OutsideClock.Source.VENUE, "asOf", report.asOf()).isEmpty()) {
                return Uni.createFrom().item(new Applied("refused_time", List.of()));
            }
            return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                    .execute(Tuple.of(report.account() + "|" + report.venue() + "|" + report.symbol()))
                    .flatMap(locked -> watermarks.current(tx, report.account(), report.venue(), report.symbol()))
                    .flatMap(watermark -> {
                        if (watermark.isPresent() && report.asOf().isBefore(watermark.get())) {
                            logStaleOnce(report, watermark.get());
                            return Uni.createFrom().item(new Applied("stale", List.of()));
                        }
                        return venuePositions.record(tx, report).flatMap(recorded -> reconcile(tx, report));
                    });
        })).call(applied -> venues.dispatch(applied.afterCommit())).map(applied -> {
            registry.counter("positrack.reconciliation.reports", "outcome", applied.outcome()).increment();
            return applied.outcome();
        });
    }

    private record Applied(String outcome, List<VenueAction> afterCommit) {
    }

    private Uni<Applied> reconcile(SqlClient tx, VenuePositionReport report) {
        return positions.findOpenForUpdate(tx, report.account(), report.venue(), report.symbol()).flatMap(open -> {
            Discrepancy d = Discrepancy.between(open, report);
            if (!d.actionable()) {
                return forget(tx, report).replaceWith(new Applied(d.kind() == Discrepancy.Kind.IN_SYNC ? "in_sync" : "entry_pending",
                        List.of()));
            }
            return observe(tx, report, d).flatMap(streak -> {
                if (streak < config.reconciliation().confirmations()) {
                    Log.infof("Reconciliation %s/%s/%s: %s seen %d time(s) of %d before acting", report.account(), report.venue(),
                            report.symbol(), d.kind(), streak, config.reconciliation().confirmations());
                    return Uni.createFrom().item(new Applied("observed", List.of()));
                }
                return forget(tx, report).flatMap(ignored -> act(tx, report, d, open));
            });
        });
    }

    private Uni<Applied> act(SqlClient tx, VenuePositionReport report, Discrepancy d, Optional<PositionSnapshot> open) {
        var now = clock.now();
        String cause = "reconciliation:" + report.reportId();
        switch (d.kind()) {
            case ORPHAN -> {
                PositionSnapshot adopted = new PositionSnapshot(0, report.account(), report.venue(), report.symbol(), report.side(),
                        PositionStatus.ACTIVE, report.quantity(), report.quantity(), report.quantity(), report.entryPrice(), null, null,
                        null, null, null, Origin.ADOPTED, null, null, null, 0, 1, now, now, null);
                return positions.insertIfNoneOpen(tx, adopted).flatMap(inserted -> inserted.isEmpty()
                        // Someone opened or adopted it first: the unique index decided, nothing to do.
                        ? Uni.createFrom().item(new Applied("in_sync", List.of()))
                        : transitions.created(tx, inserted.get(), PositionEventType.PositionAdopted, cause).map(p -> {
                            Log.infof("Adopted orphan %s %s %s x %s on %s as position #%d", report.account(), report.symbol(),
                                    report.side(), report.quantity().toPlainString(), report.venue(), p.id());
                            return new Applied("adopted", List.of());
                        }));
            }
            case GHOST -> {
                PositionSnapshot p = open.orElseThrow();
                return transitions.transition(tx, p, ReconciledClose.of(p, now), PositionEventType.PositionClosed, cause).map(written -> {
                    Log.infof("Closed ghost position #%d (%s %s): the venue holds none", p.id(), report.account(), report.symbol());
                    return new Applied("ghost_closed", ReconciledClose.cancellations(p));
                });
            }
            default -> {
                PositionSnapshot p = open.orElseThrow();
                return sizes.adjust(tx, p, report.quantity(), cause).map(written -> new Applied("adjusted", List.of()));
            }
        }
    }

    /** One more consecutive sighting of exactly this discrepancy; the count so far. */
    private Uni<Integer> observe(SqlClient tx, VenuePositionReport r, Discrepancy d) {
        return tx.preparedQuery("""
                INSERT INTO reconciliation_observations AS o (account, venue, symbol, kind, side, quantity, position_id, streak,
                                                             first_seen, last_seen)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 1, now(), now())
                ON CONFLICT (account, venue, symbol) DO UPDATE SET
                    streak = CASE WHEN o.kind = EXCLUDED.kind AND o.side IS NOT DISTINCT FROM EXCLUDED.side
                                   AND o.quantity = EXCLUDED.quantity AND o.position_id IS NOT DISTINCT FROM EXCLUDED.position_id
                                  THEN o.streak + 1 ELSE 1 END,
                    first_seen = CASE WHEN o.kind = EXCLUDED.kind AND o.side IS NOT DISTINCT FROM EXCLUDED.side
                                   AND o.quantity = EXCLUDED.quantity AND o.position_id IS NOT DISTINCT FROM EXCLUDED.position_id
                                  THEN o.first_seen ELSE now() END,
                    kind = EXCLUDED.kind, side = EXCLUDED.side, quantity = EXCLUDED.quantity,
                    position_id = EXCLUDED.position_id, last_seen = now()
                RETURNING streak""")
                .execute(Tuple.from(new Object[] { r.account(), r.venue(), r.symbol(), d.kind().name(),
                        d.side() == null ? null : d.side().name(), d.quantity(), d.positionId() }))
                .map(rows -> rows.iterator().next().getInteger("streak"));
    }

    private Uni<Void> forget(SqlClient tx, VenuePositionReport r) {
        return tx.preparedQuery("DELETE FROM reconciliation_observations WHERE account = $1 AND venue = $2 AND symbol = $3")
                .execute(Tuple.of(r.account(), r.venue(), r.symbol())).replaceWithVoid();
    }

    private void logStaleOnce(VenuePositionReport report, java.time.Instant watermark) {
        String key = report.account() + "|" + report.venue() + "|" + report.symbol();
        if (staleLogged.add(key)) {
            Log.infof("Ignoring stale position reports for %s/%s/%s: as of %s, but a fill at %s was already applied "
                    + "(logged once per symbol; counted in positrack.reconciliation.reports{outcome=stale})", report.account(),
                    report.venue(), report.symbol(), report.asOf(), watermark);
        }
    }
}
