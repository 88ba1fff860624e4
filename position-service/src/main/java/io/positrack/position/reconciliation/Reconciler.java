package io.positrack.position.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * snapshot). Every replica may run it at the same time: the handler serialises per key and the unique
 * index decides adoptions.
 */
@ApplicationScoped
public class Reconciler {

    private final VenueDispatcher venues;
    private final PositionReportHandler reports;
    private final Pool pool;
    private final PositionConfig config;
    private final AtomicBoolean firstRunSucceeded = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> firstSuccess = new java.util.concurrent.CompletableFuture<>();

    public Reconciler(VenueDispatcher venues, PositionReportHandler reports, Pool pool, PositionConfig config, MeterRegistry registry) {
        this.venues = venues;
        this.reports = reports;
        this.pool = pool;
        this.config = config;
        registry.gauge("positrack.reconciliation.ready", firstRunSucceeded, b -> b.get() ? 1 : 0);
    }

    @Scheduled(every = "${positrack.position.reconciliation.interval:10s}", delayed = "${positrack.position.reconciliation.initial-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return reconcileAll().onFailure().recoverWithUni(e -> {
            Log.warnf("Reconciliation run failed (%s); the next run retries", e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** True once one full run over every venue and account has succeeded. */
    public boolean ready() {
        return firstRunSucceeded.get();
    }

    /** Completes when the first full run has succeeded (never fails: a failed run is simply retried). */
    public java.util.concurrent.CompletionStage<Void> firstSuccess() {
        return firstSuccess;
    }

    public Uni<Void> reconcileAll() {
        List<Uni<Void>> runs = new ArrayList<>();
        for (String name : venues.names()) {
            ExecutionVenue venue = venues.venue(name);
            runs.add(accounts(venue).flatMap(accounts -> Multi.createFrom().iterable(accounts)
                    .onItem().transformToUniAndConcatenate(account -> reconcile(venue, account))
                    .collect().asList().replaceWithVoid()));
        }
        return Multi.createFrom().iterable(runs).onItem().transformToUniAndConcatenate(u -> u).collect().asList()
                .invoke(done -> {
                    firstRunSucceeded.set(true);
                    firstSuccess.complete(null);
                }).replaceWithVoid();
    }

    /** One account on one venue; the outcome of each report, in symbol order. */
    public Uni<List<String>> reconcile(ExecutionVenue venue, String account) {
        return venue.snapshot(account).flatMap(snapshot -> openSymbols(venue.name(), account).flatMap(open -> {
            List<VenuePositionReport> lines = lines(snapshot, open);
            return Multi.createFrom().iterable(lines).onItem().transformToUniAndConcatenate(reports::apply).collect().asList();
        }));
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
