package io.positrack.infra.binance;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * The account's user data stream: listen keys (created, extended, expired as documented) and the WebSocket
 * connections at {@code /ws/<listenKey>} that receive the account's events while their key is valid.
 */
final class UserStreams {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Vertx vertx;
    private final StandInFaults faults;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> keys = new ConcurrentHashMap<>();
    private final Map<ServerWebSocket, String> sockets = new ConcurrentHashMap<>();
    /** A queue, not a copy-on-write list: a long randomized run sends tens of thousands of events. */
    private final ConcurrentLinkedQueue<String> sent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keysIssued = new AtomicInteger();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger delayed = new AtomicInteger();
    private final AtomicInteger duplicated = new AtomicInteger();

    private volatile boolean refuseConnections;
    /** Events held back while {@link #hold} is on, in the order they would have been sent. */
    private final List<String> held = new ArrayList<>();
    private boolean holding;

    UserStreams(Vertx vertx, StandInFaults faults, Duration validity) {
        this.vertx = vertx;
        this.faults = faults;
        this.validity = validity;
    }

    /** POST: the active key (extended) or a new one. */
    synchronized String create() {
        expireOverdue();
        Optional<String> active = keys.keySet().stream().findFirst();
        String key = active.orElseGet(this::newKey);
        keys.put(key, System.currentTimeMillis() + validity.toMillis());
        return key;
    }

    /** The account's active key, or null. */
    synchronized String activeKey() {
        expireOverdue();
        return keys.keySet().stream().findFirst().orElse(null);
    }

    /** PUT: extends the key; false when it does not exist (-1125). */
    synchronized boolean keepAlive(String key) {
        expireOverdue();
        if (key == null || !keys.containsKey(key)) {
            return false;
        }
        keys.put(key, System.currentTimeMillis() + validity.toMillis());
        return true;
    }

    /** DELETE: closes the stream. */
    synchronized void close(String key) {
        keys.remove(key);
        sockets.forEach((socket, k) -> {
            if (k.equals(key)) {
                socket.close();
            }
        });
    }

    synchronized boolean valid(String key) {
        expireOverdue();
        return keys.containsKey(key);
    }

    void connected(ServerWebSocket socket, String key) {
        sockets.put(socket, key);
        connectionsOpened.incrementAndGet();
        socket.closeHandler(ignored -> sockets.remove(socket));
    }

    /** Sends the events to every connection whose key is valid, some late when reordering is on. */
    void push(List<ObjectNode> events) {
        for (ObjectNode event : events) {
            String text = event.toString();
            if (faults.dropNextEvent()) {
                dropped.incrementAndGet();
                continue;
            }
            long delay = faults.delayOfNextEvent();
            if (delay > 0) {
                delayed.incrementAndGet();
                vertx.setTimer(delay, id -> deliver(text));
            } else {
                deliver(text);
            }
            if (faults.duplicateNextEvent()) {
                duplicated.incrementAndGet();
                vertx.setTimer(1 + faults.delayOfNextEvent(), id -> deliver(text));
            }
        }
    }

    private void deliver(String text) {
        synchronized (this) {
            if (holding) {
                held.add(text);
                return;
            }
            expireOverdue();
            sent.add(text);
            sockets.forEach((socket, key) -> {
                if (keys.containsKey(key) && !socket.isClosed()) {
                    socket.writeTextMessage(text);
                }
            });
        }
    }

    /** Every key expires now: each connection gets {@code listenKeyExpired}, then nothing more. */
    synchronized void expireAll() {
        List<String> expired = new ArrayList<>(keys.keySet());
        keys.clear();
        expired.forEach(this::announceExpiry);
    }

    /** Every connection is closed (keys stay valid): the client must reconnect. */
    void dropConnections() {
        sockets.keySet().forEach(ServerWebSocket::close);
    }

    /**
     * On: every event is held back (connections stay open and hear nothing). Off: the held events are sent, in order,
     * to the connections open then: a stream that is late, not lost.
     */
    synchronized void hold(boolean on) {
        holding = on;
        if (!on) {
            List<String> release = new ArrayList<>(held);
            held.clear();
            release.forEach(this::deliver);
        }
    }

    synchronized int heldEvents() {
        return held.size();
    }

    void refuseConnections(boolean refuse) {
        refuseConnections = refuse;
    }

    boolean refusesConnections() {
        return refuseConnections;
    }

    int keysIssued() {
        return keysIssued.get();
    }

    int connectionsOpened() {
        return connectionsOpened.get();
    }

    int openConnections() {
        return (int) sockets.keySet().stream().filter(s -> !s.isClosed()).count();
    }

    int droppedEvents() {
        return dropped.get();
    }

    int delayedEvents() {
        return delayed.get();
    }

    int duplicatedEvents() {
        return duplicated.get();
    }

    List<String> sentEvents() {
        return List.copyOf(sent);
    }

    private void expireOverdue() {
        long now = System.currentTimeMillis();
        List<String> overdue = keys.entrySet().stream().filter(e -> e.getValue() < now).map(Map.Entry::getKey).toList();
        overdue.forEach(key -> {
            keys.remove(key);
            announceExpiry(key);
        });
    }

    private void announceExpiry(String key) {
        ObjectNode event = JSON.createObjectNode();
        event.put("e", "listenKeyExpired");
        // As in the documented example, the event time of this event is a string.
        event.put("E", Long.toString(System.currentTimeMillis()));
        event.put("listenKey", key);
        sockets.forEach((socket, k) -> {
            if (k.equals(key) && !socket.isClosed()) {
                socket.writeTextMessage(event.toString());
            }
        });
    }

    private String newKey() {
        keysIssued.incrementAndGet();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }
}
