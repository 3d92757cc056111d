package io.actortrading.feeds.live;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one streaming feed, across its connections. The connection's stream counts every
 * frame and event here and its actor reads them, so a busy socket costs the actor no message per
 * frame. Thread-safe.
 */
final class StreamTally {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong lastMessageAt = new AtomicLong();
    private final AtomicLong lastFrameAt = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile String lastError = "";

    void frame(long nowMillis) {
        lastFrameAt.set(nowMillis);
    }

    void messages(int count, long nowMillis) {
        messages.addAndGet(count);
        lastMessageAt.set(nowMillis);
    }

    /** Counts one error of {@code kind}; {@code detail} must already be free of keys. */
    void error(StreamError kind, String detail) {
        error(kind, 1, detail);
    }

    void error(StreamError kind, int count, String detail) {
        errors.computeIfAbsent(kind.name(), k -> new LongAdder()).add(count);
        lastError = kind + ": " + detail;
    }

    long messages() {
        return messages.get();
    }

    long lastMessageAt() {
        return lastMessageAt.get();
    }

    long lastFrameAt() {
        return lastFrameAt.get();
    }

    long errors(StreamError kind) {
        LongAdder count = errors.get(kind.name());
        return count == null ? 0 : count.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> snapshot = new TreeMap<>();
        errors.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    String lastError() {
        return lastError;
    }
}
