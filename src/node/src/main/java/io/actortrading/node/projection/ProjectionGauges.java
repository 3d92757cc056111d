package io.actortrading.node.projection;

import io.actortrading.node.metrics.NodeMetrics;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The market_data projection's lag and failed batches as this node's metrics. The projection is a
 * cluster singleton that may move between nodes and restart, while a meter is registered once per
 * node: the meters read these atomics, which the projection sets on whichever node runs it. A node
 * that does not host it reports 0.
 */
public final class ProjectionGauges implements Extension {

    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private ProjectionGauges(ActorSystem<?> system) {
        NodeMetrics metrics = NodeMetrics.get(system);
        metrics.registerProjection("market-data", () -> Duration.ofMillis(lagMillis.get()));
        metrics.registerPersistenceFailures("market_data", failures::get);
    }

    void lag(long millis) {
        lagMillis.set(Math.max(0, millis));
    }

    void failed() {
        failures.incrementAndGet();
    }

    public static ProjectionGauges get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    private static final class Id extends ExtensionId<ProjectionGauges> {
        private static final Id INSTANCE = new Id();

        @Override
        public ProjectionGauges createExtension(ActorSystem<?> system) {
            return new ProjectionGauges(system);
        }
    }
}
