package io.positrack.position.reconciliation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reconciliation runs have established, per venue and per account: which venues have been listed and
 * reconciled at least once, which accounts failed last time and why. Trading for an account on a venue may go
 * ahead once its venue has been reconciled and the account's own last attempt did not fail. Pure state, no I/O.
 */
final class ReconciliationState {

    private final Set<String> listedVenues = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    private static String key(String venue, String account) {
        return venue + "/" + account;
    }

    boolean readyFor(String venue, String account) {
        return listedVenues.contains(venue) && !failures.containsKey(key(venue, account)) && !failures.containsKey(venue);
    }

    boolean everyVenueListed(Collection<String> venues) {
        return listedVenues.containsAll(venues);
    }

    synchronized CompletionStage<Void> whenReadyFor(String venue, String account) {
        if (readyFor(venue, account)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        waiting.computeIfAbsent(key(venue, account), k -> new ArrayList<>()).add(ready);
        return ready;
    }

    void accountSucceeded(String venue, String account) {
        failures.remove(key(venue, account));
    }

    void accountFailed(String venue, String account, String why) {
        failures.put(key(venue, account), why);
    }

    void venueFailed(String venue, String why) {
        failures.put(venue, why);
    }

    /** The venue's accounts were listed and each attempted: wake the trades now allowed. */
    synchronized void venueListed(String venue) {
        failures.remove(venue);
        listedVenues.add(venue);
        waiting.entrySet().removeIf(entry -> {
            String[] parts = entry.getKey().split("/", 2);
            if (readyFor(parts[0], parts[1])) {
                entry.getValue().forEach(f -> f.complete(null));
                return true;
            }
            return false;
        });
    }

    Map<String, String> failures() {
        return new TreeMap<>(failures);
    }
}
