package io.positrack.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code capacity} entries that forgets the least recently used one to make room. For the in-memory
 * state that input keys (symbols, chats): whoever sends made-up keys only pushes out entries, never grows the heap.
 * Not thread-safe: its owner synchronises. A plain LinkedHashMap rather than Caffeine: the Quarkus Caffeine extension
 * (which registers Caffeine's generated classes for native images) is not in this build's dependencies.
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    public LruMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
