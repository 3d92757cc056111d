package io.actortrading.node.inspect;

import io.actortrading.node.metrics.SinkStatus;
import io.actortrading.node.projection.MarketDataProjection;

import java.util.List;

/**
 * {@code GET /api/sinks}: where the node's data goes besides the symbol actors: the journal's store,
 * the read-side projections that turn it into tables, and the sinks registered with the node's metrics.
 *
 * @param persistence  the persistence profile, {@code h2} or {@code postgres}
 * @param database     host, port and database of the journal (never a user or password)
 * @param projections  each projection's progress; empty with the h2 profile
 * @param unreachable  projections that did not answer (their singleton is moving or its node is down)
 * @param sinks        this node's sinks (sys_metrics, ...), by name
 */
public record SinksReport(String persistence, String database, List<Projection> projections,
                          List<String> unreachable, List<Sink> sinks) {

    /** A sink's figures since the node started, as {@code /metrics} shows them (at_sink_*). */
    public record Sink(String name, boolean connected, long buffered, long capacity, long written, long dropped) {

        static Sink of(String name, SinkStatus status) {
            return new Sink(name, status.connected(), status.buffered(), status.capacity(), status.written(),
                    status.dropped());
        }
    }

    /**
     * @param state     {@code running}, or {@code failing} while the database refuses and it backs off
     * @param lagMs     age of the oldest bar event not yet in the table; 0 when caught up, null when it
     *                  could not be measured
     * @param lastBatchAgeMs null before the first batch
     */
    public record Projection(String name, String state, long offset, long events, long rows, long batches,
                             long failures, Long lagMs, Long lastBatchAgeMs, String lastError) {

        static Projection of(MarketDataProjection.ProjectionStatus status, long nowMillis) {
            return new Projection(status.name(), status.failing() ? "failing" : "running", status.offset(),
                    status.eventsProjected(), status.rowsWritten(), status.batches(), status.failures(),
                    status.lagMillis() < 0 ? null : status.lagMillis(),
                    status.lastBatchAtMillis() == 0 ? null : Math.max(0, nowMillis - status.lastBatchAtMillis()),
                    status.lastError().isEmpty() ? null : status.lastError());
        }
    }
}
