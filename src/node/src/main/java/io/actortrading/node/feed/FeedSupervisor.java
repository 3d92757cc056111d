package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.registry.SymbolRegistry;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;

/**
 * Parent of every feed on a node. Each feed runs under its own restart-with-backoff, so a feed that
 * fails comes back after a pause and never takes this supervisor or another feed down with it.
 */
public final class FeedSupervisor {

    /** Takes no messages: its work is done by its children. */
    public static Behavior<Void> create(Config feeds, MarketClock clock, ActorRef<FeedRouter.Command> router,
                                           ActorRef<SymbolRegistry.Command> registry, int maxBatch) {
        return Behaviors.setup(context -> {
            Config backoff = feeds.getConfig("restart-backoff");
            Duration min = backoff.getDuration("min");
            Duration max = backoff.getDuration("max");
            double randomFactor = backoff.getDouble("random-factor");
            Config synthetic = feeds.getConfig("synthetic");
            if (synthetic.getBoolean("enabled")) {
                context.spawn(Behaviors.supervise(SyntheticFeed.create(SyntheticFeed.Settings.fromConfig(synthetic),
                                        clock, router, registry, maxBatch))
                                .onFailure(SupervisorStrategy.restartWithBackoff(min, max, randomFactor)),
                        SyntheticFeed.SOURCE);
            }
            Config replay = feeds.getConfig("replay");
            if (replay.getBoolean("enabled")) {
                context.spawn(Behaviors.supervise(ReplayFeed.create(ReplayFeed.Settings.fromConfig(replay),
                                        clock, router, maxBatch))
                                .onFailure(SupervisorStrategy.restartWithBackoff(min, max, randomFactor)),
                        ReplayFeed.SOURCE);
            }
            return Behaviors.empty();
        });
    }

    private FeedSupervisor() {
    }
}
