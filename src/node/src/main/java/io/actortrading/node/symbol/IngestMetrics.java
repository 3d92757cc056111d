package io.actortrading.node.symbol;

import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Node-wide counters of the hot path, written by every symbol actor once per batch (never per
 * tick): events applied, bars closed, and the latency from a feed handing an event to the router
 * until the symbol actor has applied it; and the symbol actors' restarts (a journal that failed a
 * write or a recovery, a poison message).
 */
public final class IngestMetrics implements Extension {

    /** Latencies above this are clamped: a minute of latency is already a broken pipeline. */
    private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final LongAdder applied = new LongAdder();
    private final LongAdder barsClosed = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private final AtomicLong lastRestartAt = new AtomicLong(Long.MIN_VALUE);
    private final Recorder latencyNanos = new Recorder(MAX_TRACKED_NANOS, SIGNIFICANT_DIGITS);
    /**
     * A second copy of the latency for the metrics endpoint, whose poller takes intervals of its own;
     * sharing {@link #latency()} would steal intervals from the demo's and the bench's reports. Null
     * (and free) until the endpoint asks for it.
     */
    private volatile Recorder exportedLatencyNanos;

    void recordBatch(int events, long receivedAtNanos, long nowNanos) {
        applied.add(events);
        long latency = Math.min(Math.max(0, nowNanos - receivedAtNanos), MAX_TRACKED_NANOS);
        latencyNanos.recordValueWithCount(latency, events);
        Recorder exported = exportedLatencyNanos;
        if (exported != null) {
            exported.recordValueWithCount(latency, events);
        }
    }

    void recordBarsClosed(int bars) {
        barsClosed.add(bars);
    }

    /**
     * Counts a symbol's restart; true for the first restart of any symbol after {@code quietMillis}
     * without one, which alone is logged: a journal outage restarts every symbol many times.
     */
    boolean recordRestart(long nowMillis, long quietMillis) {
        restarts.increment();
        long last = lastRestartAt.getAndSet(nowMillis);
        return last == Long.MIN_VALUE || nowMillis - last >= quietMillis;
    }

    public long applied() {
        return applied.sum();
    }

    public long barsClosed() {
        return barsClosed.sum();
    }

    public long restarts() {
        return restarts.sum();
    }

    /** Latency recorded since the previous call, per event, in nanoseconds. */
    public Recorder latency() {
        return latencyNanos;
    }

    /**
     * The same latency as {@link #latency()}, recorded from the first call on, for one more reader
     * that takes its own intervals (the metrics endpoint).
     */
    public synchronized Recorder exportedLatency() {
        if (exportedLatencyNanos == null) {
            exportedLatencyNanos = new Recorder(MAX_TRACKED_NANOS, SIGNIFICANT_DIGITS);
        }
        return exportedLatencyNanos;
    }

    public static IngestMetrics get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    private static final class Id extends ExtensionId<IngestMetrics> {
        private static final Id INSTANCE = new Id();

        @Override
        public IngestMetrics createExtension(ActorSystem<?> system) {
            return new IngestMetrics();
        }
    }
}
