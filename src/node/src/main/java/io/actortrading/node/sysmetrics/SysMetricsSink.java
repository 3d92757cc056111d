package io.actortrading.node.sysmetrics;

import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.metrics.SinkStatus;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sys_metrics writer's figures as the node's sink {@code sys_metrics} (at_sink_written_total,
 * at_sink_dropped_total, at_sink_connected; /api/sinks). A sink is registered once per node while the
 * writer may be restarted: the meters read these atomics, which the running writer updates.
 */
public final class SysMetricsSink implements Extension {

    public static final String NAME = "sys_metrics";

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean connected = new AtomicBoolean();

    private SysMetricsSink(ActorSystem<?> system) {
        NodeMetrics.get(system).registerSink(NAME,
                () -> new SinkStatus(0, 0, dropped.get(), written.get(), connected.get()));
    }

    void written(int rows) {
        written.addAndGet(rows);
        connected.set(true);
    }

    void dropped(int rows, boolean reachable) {
        dropped.addAndGet(rows);
        connected.set(reachable);
    }

    public static SysMetricsSink get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    private static final class Id extends ExtensionId<SysMetricsSink> {
        private static final Id INSTANCE = new Id();

        @Override
        public SysMetricsSink createExtension(ActorSystem<?> system) {
            return new SysMetricsSink(system);
        }
    }
}
