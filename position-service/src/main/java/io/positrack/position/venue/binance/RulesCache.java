package io.positrack.position.venue.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.positrack.position.venue.rules.SymbolRules;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The venue's rules per symbol, fetched as a whole ({@code exchangeInfo} has them all for weight 1) and kept:
 * fetched again once older than {@code refresh}, and when a symbol is asked for that the last answer did not list
 * (a symbol listed since), at most once per {@code refetchUnknownAfter} so that a stream of commands for a symbol
 * that does not exist cannot turn into a stream of requests. Concurrent askers share one request. A failed refresh
 * keeps the rules it had (they change rarely, and a stale rule is refused by the venue at worst); only with nothing
 * fetched yet is the answer a failure, which the caller reports as "rules unknown".
 */
final class RulesCache {

    private final Supplier<Uni<Map<String, SymbolRules>>> fetch;
    private final Supplier<Instant> clock;
    private final Duration refresh;
    private final Duration refetchUnknownAfter;

    private Map<String, SymbolRules> rules;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private Uni<Map<String, SymbolRules>> inFlight;

    RulesCache(Supplier<Uni<Map<String, SymbolRules>>> fetch, Supplier<Instant> clock, Duration refresh, Duration refetchUnknownAfter) {
        this.fetch = fetch;
        this.clock = clock;
        this.refresh = refresh;
        this.refetchUnknownAfter = refetchUnknownAfter;
    }

    /** The symbol's rules; empty when the venue does not list it; a failure when they cannot be known now. */
    Uni<Optional<SymbolRules>> rules(String symbol) {
        return Uni.createFrom().deferred(() -> {
            Instant now = clock.get();
            Map<String, SymbolRules> known;
            boolean fetchNow;
            synchronized (this) {
                known = rules;
                boolean wanted = known == null || !now.isBefore(fetchedAt.plus(refresh)) || !known.containsKey(symbol);
                // Every fetch, also one that failed, waits this long for the next: an outage is not hammered either.
                boolean allowed = inFlight != null || lastAttempt == null || !now.isBefore(lastAttempt.plus(refetchUnknownAfter));
                fetchNow = wanted && allowed;
            }
            if (!fetchNow) {
                return known == null
                        ? Uni.createFrom().failure(new IllegalStateException("exchangeInfo not read yet (last attempt " + lastAttempt + " failed)"))
                        : Uni.createFrom().item(Optional.ofNullable(known.get(symbol)));
            }
            return fetched().map(all -> Optional.ofNullable(all.get(symbol)));
        });
    }

    /** Fetches now (at start), sharing a request already under way. */
    Uni<Map<String, SymbolRules>> fetched() {
        Uni<Map<String, SymbolRules>> shared;
        synchronized (this) {
            if (inFlight == null) {
                lastAttempt = clock.get();
                inFlight = fetch.get()
                        .invoke(this::store)
                        .onFailure().recoverWithUni(this::keepWhatWasKnown)
                        .onTermination().invoke(this::done)
                        .memoize().indefinitely();
            }
            shared = inFlight;
        }
        return shared;
    }

    private synchronized void store(Map<String, SymbolRules> fresh) {
        rules = Map.copyOf(fresh);
        fetchedAt = clock.get();
    }

    private Uni<Map<String, SymbolRules>> keepWhatWasKnown(Throwable e) {
        Map<String, SymbolRules> known;
        synchronized (this) {
            known = rules;
        }
        if (known == null) {
            return Uni.createFrom().failure(e);
        }
        Log.warnf("exchangeInfo could not be refreshed (%s); the rules fetched at %s stay in use", e.toString(), fetchedAt);
        return Uni.createFrom().item(known);
    }

    private synchronized void done() {
        inFlight = null;
    }
}
