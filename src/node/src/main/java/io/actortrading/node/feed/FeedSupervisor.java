package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.feeds.live.FeedEnvironment;
import io.actortrading.feeds.live.PolledFeed;
import io.actortrading.feeds.live.ProviderSettings;
import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.SourceHealth;
import io.actortrading.feeds.live.StreamFeed;
import io.actortrading.feeds.polygon.PolygonStreamFeed;
import io.actortrading.feeds.twelvedata.TwelveDataStreamFeed;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.registry.SymbolRegistry;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;

/**
 * Parent of every feed on a node: the offline ones (synthetic, replay) and one actor per live
 * provider connection. Each runs under its own restart-with-backoff, so a feed that fails comes
 * back after a pause and never takes this supervisor or another feed down with it. Live feeds'
 * health changes pass through here to the router, which chooses each symbol's source.
 */
public final class FeedSupervisor {

    public sealed interface Command permits HealthChanged {
    }

    /** A live feed's health, on its way to the router. */
    public record HealthChanged(SourceHealth health) implements Command {
    }

    public static Behavior<Command> create(Config feeds, MarketClock clock, ActorRef<FeedRouter.Command> router,
                                           ActorRef<SymbolRegistry.Command> registry, int maxBatch,
                                           LiveSources live) {
        return Behaviors.setup(context -> {
            Config backoff = feeds.getConfig("restart-backoff");
            SupervisorStrategy restart = SupervisorStrategy.restartWithBackoff(backoff.getDuration("min"),
                    backoff.getDuration("max"), backoff.getDouble("random-factor"));
            Config synthetic = feeds.getConfig("synthetic");
            if (synthetic.getBoolean("enabled")) {
                context.spawn(Behaviors.supervise(SyntheticFeed.create(SyntheticFeed.Settings.fromConfig(synthetic),
                        clock, router, registry, maxBatch)).onFailure(restart), SyntheticFeed.SOURCE);
            }
            Config replay = feeds.getConfig("replay");
            if (replay.getBoolean("enabled")) {
                context.spawn(Behaviors.supervise(ReplayFeed.create(ReplayFeed.Settings.fromConfig(replay),
                        clock, router, maxBatch)).onFailure(restart), ReplayFeed.SOURCE);
            }
            if (live.any()) {
                router.tell(new FeedRouter.SourcesStarted(startLive(context, live, router, maxBatch, restart)));
            }
            return Behaviors.receive(Command.class)
                    .onMessage(HealthChanged.class, changed -> {
                        router.tell(new FeedRouter.SourceHealthChanged(changed.health()));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static List<SourceHandle> startLive(ActorContext<Command> context, LiveSources live,
                                                ActorRef<FeedRouter.Command> router, int maxBatch,
                                                SupervisorStrategy restart) {
        ActorRef<SourceHealth> health = context.messageAdapter(SourceHealth.class, HealthChanged::new);
        List<SourceHandle> handles = new ArrayList<>();
        live.enabled().forEach((provider, settings) -> {
            if (provider.equals(LiveSources.POLYGON) && live.streams(provider)) {
                for (String market : settings.markets()) {
                    String connection = PolygonStreamFeed.connectionName(market);
                    ActorRef<StreamFeed.Command> feed = context.spawn(Behaviors.supervise(
                            PolygonStreamFeed.create(environment(live, settings, connection, router, maxBatch, health),
                                    market)).onFailure(restart), connection);
                    handles.add(PolygonStreamFeed.handle(feed, market));
                }
            } else if (provider.equals(LiveSources.TWELVEDATA) && live.streams(provider)) {
                ActorRef<StreamFeed.Command> feed = context.spawn(Behaviors.supervise(
                        TwelveDataStreamFeed.create(environment(live, settings, provider, router, maxBatch, health)))
                        .onFailure(restart), provider);
                handles.add(TwelveDataStreamFeed.handle(feed));
            } else {
                ActorRef<PolledFeed.Command> feed = context.spawn(Behaviors.supervise(
                        PolledFeed.create(environment(live, settings, provider, router, maxBatch, health),
                                live.history(provider), provider)).onFailure(restart), provider);
                handles.add(PolledFeed.handle(provider, provider, feed));
            }
        });
        return handles;
    }

    /** A feed's sink is labelled with its connection, so the router's stats tell connections apart. */
    private static FeedEnvironment environment(LiveSources live, ProviderSettings settings, String connection,
                                               ActorRef<FeedRouter.Command> router, int maxBatch,
                                               ActorRef<SourceHealth> health) {
        return new FeedEnvironment(settings, live.gate(settings.name()),
                () -> FeedRouter.sink(router, connection, maxBatch), health, live.symbols(), live.marketNow());
    }

    private FeedSupervisor() {
    }
}
