package io.positrack.position.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.venue.AccountSnapshot;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.VenueDispatcher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Asks every venue, periodically, what each account holds, and feeds the answer through
 * {@link PositionReportHandler} one symbol at a time: the symbols the venue mentions, and, when the
 * answer is complete, every symbol the database has open that the venue does not mention (flat as of the
 * snapshot); then the account's working orders against what its open positions want ({@link ProtectionReconciler}).
 * Every replica may run it at the same time: the handler serialises per key and the unique index decides adoptions.
 */
@ApplicationScoped
public class Reconciler {

    private final VenueDispatcher venues;
    private final PositionReportHandler reports;
    private final Pool pool;
    private final PositionConfig config;
    private final ProtectionReconciler orders;
    private final ReconciliationState state = new ReconciliationState();

    public Reconciler(VenueDispatcher venues, PositionReportHandler reports, ProtectionReconciler orders, Pool pool,
            PositionConfig config, MeterRegistry registry) {
        this.orders = orders;
        this.venues = venues;
        this.reports = reports;
        this.pool = pool;
        this.config = config;
        registry.gauge("positrack.reconciliation.ready", state, s -> s.everyVenueListed(venues.names()) ? 1 : 0);
    }

    @Scheduled(every = "${positrack.position.reconciliation.interval:10s}", delayed = "${positrack.position.reconciliation.initial-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return reconcileAll().onFailure().recoverWithUni(e -> {
            Log.warnf("Reconciliation run failed (%s); the next run retries", e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** True once every venue has been reconciled at least once (each of its accounts that could be). */
    public boolean ready() {
        return state.everyVenueListed(venues.names());
    }

    /** True when trading for {@code account} on {@code venue} may go ahead: its venue was reconciled and it did not fail. */
    public boolean readyFor(String venue, String account) {
        return state.readyFor(venue, account);
    }

    /** Completes when {@link #readyFor} holds (never fails: failed runs are simply retried). */
    public java.util.concurrent.CompletionStage<Void> whenReadyFor(String venue, String account) {
        return state.whenReadyFor(venue, account);
    }

    /** The venues and accounts whose last reconciliation failed, with why: for readiness and operators. */
    public java.util.Map<String, String> failures() {
        return state.failures();
    }

    /**
     * One run over every venue and account. A venue or account that fails is logged, recorded as unknown and left
     * for the next run; the others go on (one broken account must not hold the whole book back).
     */
    public Uni<Void> reconcileAll() {
        List<Uni<Void>> runs = new ArrayList<>();
        for (String name : venues.names()) {
            ExecutionVenue venue = venues.venue(name);
            runs.add(accounts(venue)
                    .onFailure().invoke(e -> {
                        Log.warnf("Reconciliation of venue %s: its accounts could not be listed (%s); retried next run", name, e.toString());
                        state.venueFailed(name, e.toString());
                    })
                    .flatMap(accounts -> Multi.createFrom().iterable(accounts)
                            .onItem().transformToUniAndConcatenate(account -> reconcile(venue, account)
                                    .invoke(done -> state.accountSucceeded(name, account))
                                    .onFailure().invoke(e -> {
                                        Log.warnf("Reconciliation of %s on %s failed (%s); its trading waits, the others go on", account,
                                                name, e.toString());
                                        state.accountFailed(name, account, e.toString());
                                    })
                                    .onFailure().recoverWithNull())
                            .collect().asList()
                            .invoke(done -> state.venueListed(name)))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return Multi.createFrom().iterable(runs).onItem().transformToUniAndConcatenate(u -> u).collect().asList().replaceWithVoid();
    }

    /**
     * One account on one venue: its positions, then its orders ({@link ProtectionReconciler}), which see the positions
     * this round has just closed or adopted. The outcome of each position report, in symbol order.
     */
    public Uni<List<String>> reconcile(ExecutionVenue venue, String account) {
        return venue.snapshot(account).flatMap(snapshot -> openSymbols(venue.name(), account).flatMap(open -> {
            List<VenuePositionReport> lines = lines(snapshot, open);
            return Multi.createFrom().iterable(lines).onItem().transformToUniAndConcatenate(reports::applySnapshotLine).collect().asList();
        })).call(outcomes -> orders.reconcile(venue, account));
    }

    /** The venue's lines, plus a flat line for every symbol open in the database that a complete answer left out. */
    static List<VenuePositionReport> lines(AccountSnapshot snapshot, Set<String> openInDatabase) {
        List<VenuePositionReport> lines = new ArrayList<>(snapshot.positions());
        Set<String> mentioned = new TreeSet<>();
        snapshot.positions().forEach(p -> mentioned.add(p.symbol()));
        for (String symbol : openInDatabase) {
            if (!mentioned.contains(symbol)) {
                lines.add(VenuePositionReport.of("recon-" + UUID.randomUUID(), snapshot.account(), snapshot.venue(), symbol, null,
                        java.math.BigDecimal.ZERO, null, snapshot.complete(), snapshot.asOf()));
            }
        }
        return lines;
    }

    private Uni<List<String>> accounts(ExecutionVenue venue) {
        return venue.accounts().flatMap(fromVenue -> pool.preparedQuery(
                "SELECT DISTINCT account FROM positions WHERE venue = $1 AND " + PositionRepository.OPEN_PREDICATE)
                .execute(Tuple.of(venue.name())).map(rows -> {
                    Set<String> all = new TreeSet<>(fromVenue);
                    rows.forEach(r -> all.add(r.getString("account")));
                    config.reconciliation().accounts().ifPresent(all::addAll);
                    return List.copyOf(all);
                }));
    }

    private Uni<Set<String>> openSymbols(String venue, String account) {
        return pool.preparedQuery(
                "SELECT symbol FROM positions WHERE venue = $1 AND account = $2 AND " + PositionRepository.OPEN_PREDICATE)
                .execute(Tuple.of(venue, account)).map(rows -> {
                    Set<String> symbols = new TreeSet<>();
                    rows.forEach(r -> symbols.add(r.getString("symbol")));
                    return symbols;
                });
    }
}
