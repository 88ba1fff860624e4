package io.positrack.infra.telegram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bot's pending updates with the Bot API's offset protocol, and the rule that only one
 * {@code getUpdates} may be in progress: a newer request terminates the one in progress, which then
 * answers 409 "Conflict: terminated by other getUpdates request".
 *
 * <p>One limitation the real API does not have: a poll whose client went away (closed its connection)
 * counts as in progress until its timeout, because a blocked JDK HTTP handler cannot see the disconnect.
 */
final class UpdateQueue {

    static final String TERMINATED = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    static final String WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

    /** What one getUpdates call ended with: updates, or the conflict that ended it. */
    record Polled(List<ObjectNode> updates, String conflict) {
    }

    private final TreeMap<Long, ObjectNode> pending = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> all = new TreeMap<>();
    /** Redelivered updates not yet handed out again: an offset does not confirm them away before that. */
    private final Set<Long> replays = new HashSet<>();
    private final List<Instant> conflicts = new ArrayList<>();
    // Telegram's update ids are large and start anywhere; starting high catches int overflow in clients.
    private long nextUpdateId = 3_000_000_001L;
    private long pollGeneration;
    private long polls;
    private boolean webhookActive;

    synchronized long add(ObjectNode updateWithoutId) {
        long id = nextUpdateId++;
        ObjectNode update = updateWithoutId.deepCopy();
        update.put("update_id", id);
        // update_id first, as Telegram writes it.
        ObjectNode ordered = update.objectNode();
        ordered.put("update_id", id);
        update.properties().forEach(e -> ordered.set(e.getKey(), e.getValue()));
        pending.put(id, ordered);
        all.put(id, ordered);
        notifyAll();
        return id;
    }

    /**
     * Delivers an update once more, whatever offset the next poll sends: what a poller sees when its predecessor
     * handled an update but died before confirming it, and what a webhook sees when Telegram retries a delivery.
     */
    synchronized void redeliver(long updateId) {
        ObjectNode update = all.get(updateId);
        if (update == null) {
            throw new IllegalArgumentException("no update " + updateId);
        }
        pending.put(updateId, update.deepCopy());
        replays.add(updateId);
        notifyAll();
    }

    synchronized void webhookActive(boolean active) {
        webhookActive = active;
        notifyAll();
    }

    /** Long polling: waits up to {@code timeoutSeconds} for updates at or above the offset. */
    synchronized Polled poll(Long offset, int limit, int timeoutSeconds) throws InterruptedException {
        polls++;
        if (webhookActive) {
            return conflict(WEBHOOK_ACTIVE);
        }
        long generation = ++pollGeneration;
        notifyAll();
        if (offset != null) {
            confirm(offset);
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            if (generation != pollGeneration) {
                return conflict(TERMINATED);
            }
            if (webhookActive) {
                return conflict(WEBHOOK_ACTIVE);
            }
            if (!pending.isEmpty()) {
                List<ObjectNode> batch = pending.values().stream().limit(limit).map(ObjectNode::deepCopy).toList();
                batch.forEach(u -> replays.remove(u.get("update_id").asLong()));
                return new Polled(batch, null);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new Polled(List.of(), null);
            }
            wait(Math.max(1, remaining / 1_000_000), 0);
        }
    }

    /** Every update below {@code offset} is confirmed; a negative offset keeps only the last -offset updates. */
    private void confirm(long offset) {
        if (offset >= 0) {
            pending.headMap(offset).keySet().removeIf(id -> !replays.contains(id));
        } else {
            while (pending.size() > -offset) {
                pending.pollFirstEntry();
            }
        }
    }

    /** For webhook delivery: the oldest update, or null. */
    synchronized ObjectNode oldest() {
        return pending.isEmpty() ? null : pending.firstEntry().getValue().deepCopy();
    }

    synchronized void remove(long updateId) {
        pending.remove(updateId);
        replays.remove(updateId);
    }

    synchronized void clear() {
        pending.clear();
        replays.clear();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** Waits until there is something to deliver to a webhook, at most {@code millis}. */
    synchronized void awaitPending(long millis) throws InterruptedException {
        if (pending.isEmpty()) {
            wait(millis);
        }
    }

    synchronized List<Instant> conflicts() {
        return List.copyOf(conflicts);
    }

    synchronized long polls() {
        return polls;
    }

    private Polled conflict(String description) {
        conflicts.add(Instant.now());
        return new Polled(null, description);
    }
}
