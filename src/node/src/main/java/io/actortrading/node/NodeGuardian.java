package io.actortrading.node;

import com.typesafe.config.Config;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.Backfiller;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.feed.FeedSupervisor;
import io.actortrading.node.feed.LiveSources;
import io.actortrading.node.feed.SourceFailover;
import io.actortrading.node.feed.TradeTape;
import io.actortrading.node.persistence.PersistenceProfile;
import io.actortrading.node.projection.MarketDataProjection;
import io.actortrading.node.projection.ProjectionSettings;
import io.actortrading.node.redis.RedisPublisher;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.symbol.BackfillRequest;
import io.actortrading.node.symbol.IngestMetrics;
import io.actortrading.node.symbol.SymbolActor;
import io.actortrading.node.symbol.SymbolSettings;
import io.actortrading.node.sysmetrics.SysMetricsSettings;
import io.actortrading.node.sysmetrics.SysMetricsWriter;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SingletonActor;

import java.time.Duration;
import java.util.Optional;

/**
 * The root of a node: joins the cluster (itself, when no seed nodes are configured), starts the
 * symbol shard region, the registry, the router and the feeds, and publishes them through
 * {@link NodeServices}. With a Redis URL (not in replay) the {@link RedisPublisher} receives what the
 * router routes and every closed bar the symbols announce, besides the options' listener.
 */
public final class NodeGuardian {

    /**
     * How this node runs.
     *
     * @param clock            the market clock that closes bars
     * @param replay           offline replay: no grace for late ticks (event time is all there is)
     * @param acceptAnySymbol  route every symbol met, registered or not (replay, bench)
     * @param startFeeds       start the configured feeds at once (else on {@link StartFeeds})
     * @param listener         receives every closed bar with its indicators and features
     */
    public record Options(MarketClock clock, boolean replay, boolean acceptAnySymbol, boolean startFeeds,
                          Behavior<SymbolActor.SymbolUpdate> listener) {
    }

    public sealed interface Command permits StartFeeds, StopFeeds {
    }

    /** Starts the configured feeds, for runners that first register symbols (the demo). */
    public enum StartFeeds implements Command { INSTANCE }

    /**
     * Stops every feed; answered once they are told to stop. Coordinated shutdown sends it before the
     * shard region hands off, so the region is not kept busy by feeds that are still sending.
     */
    public record StopFeeds(ActorRef<Done> replyTo) implements Command {
    }

    /** Feeds stop within this; their streams only have to see the kill switch. */
    private static final Duration STOP_FEEDS_TIMEOUT = Duration.ofSeconds(5);

    public static Behavior<Command> create(Options options) {
        return Behaviors.setup(context -> {
            var system = context.getSystem();
            Config config = system.settings().config();
            Cluster cluster = Cluster.get(system);
            if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }

            SymbolSettings symbolSettings = SymbolSettings.fromConfig(config.getConfig("actortrading.symbol"));
            if (options.replay()) {
                symbolSettings = symbolSettings.withoutGrace();
            }
            Optional<RedisPublisher> redis = options.replay() ? Optional.empty() : RedisPublisher.fromConfig(system);
            ActorRef<SymbolActor.SymbolUpdate> listener = context.spawn(options.listener(), "symbol-updates");
            if (redis.isPresent()) {
                listener = context.spawn(redis.get().listener(listener), "redis-bars");
            }
            TradeTape tape = redis.<TradeTape>map(publisher -> publisher::offerTicks).orElse(TradeTape.NONE);
            MarketClock clock = options.clock();
            LiveSources live = options.replay() ? LiveSources.none()
                    : LiveSources.fromConfig(system, config.getConfig("actortrading.feeds.providers"),
                    () -> clock.now(Long.MIN_VALUE));
            SymbolActor.Environment env = new SymbolActor.Environment(symbolSettings, clock, listener,
                    IngestMetrics.get(system), backfill(context, live, config));
            ActorRef<ShardingEnvelope<SymbolActor.Command>> region = ClusterSharding.get(system).init(
                    Entity.of(SymbolActor.TYPE_KEY, entity -> SymbolActor.create(entity.getEntityId(), env))
                            .withStopMessage(SymbolActor.Passivate.INSTANCE));

            ActorRef<SymbolRegistry.Command> registry = context.spawn(SymbolRegistry.create(), "symbol-registry");
            FeedRouter.Settings routerSettings = FeedRouter.Settings.fromConfig(config.getConfig("actortrading.router"));
            ActorRef<FeedRouter.Command> router = options.acceptAnySymbol()
                    ? context.spawn(FeedRouter.create(region, routerSettings.acceptingAllSymbols(), null,
                    SourceFailover.Settings.none(), () -> Long.MIN_VALUE, tape), "feed-router")
                    : context.spawn(FeedRouter.create(region, routerSettings, registry,
                    live.failoverSettings(config.getConfig("actortrading.feeds.sources")), live.marketNow(), tape),
                    "feed-router");
            Behavior<FeedSupervisor.Command> feeds = FeedSupervisor.create(config.getConfig("actortrading.feeds"),
                    clock, router, registry, routerSettings.maxBatch(), live);
            if (options.startFeeds()) {
                context.spawn(feeds, FEEDS);
            }
            NodeServices.get(system).publish(new NodeServices.Refs(registry, router, region,
                    marketDataProjection(system, config, symbolSettings)));
            sysMetrics(context, config);
            ActorRef<Command> self = context.getSelf();
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-feeds",
                    () -> AskPattern.ask(self, StopFeeds::new, STOP_FEEDS_TIMEOUT, system.scheduler()));
            return Behaviors.receive(Command.class)
                    .onMessageEquals(StartFeeds.INSTANCE, () -> {
                        if (context.getChild(FEEDS).isEmpty()) {
                            context.spawn(feeds, FEEDS);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(StopFeeds.class, stop -> {
                        context.getChild(FEEDS).ifPresent(context::stop);
                        stop.replyTo().tell(Done.getInstance());
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static final String FEEDS = "feeds";

    /**
     * The market_data projection, one per cluster, on nodes with the postgres profile; null otherwise
     * (the embedded H2 journal has no bar table).
     */
    private static ActorRef<MarketDataProjection.Command> marketDataProjection(ActorSystem<?> system, Config config,
                                                                              SymbolSettings symbolSettings) {
        PersistenceProfile profile = PersistenceProfile.fromConfig(config);
        ProjectionSettings settings = ProjectionSettings.fromConfig(config);
        if (!profile.usesPostgres() || !settings.enabled()) {
            return null;
        }
        return ClusterSingleton.get(system).init(SingletonActor.of(
                Behaviors.supervise(MarketDataProjection.create(settings, profile.postgres(), symbolSettings.timeframes()))
                        .onFailure(SupervisorStrategy.restartWithBackoff(settings.restartMin(), settings.restartMax(),
                                settings.restartRandomFactor())),
                "market-data-projection"));
    }

    /** This node's meters copied into sys_metrics, on nodes with the postgres profile (each node its own). */
    private static void sysMetrics(ActorContext<Command> context, Config config) {
        PersistenceProfile profile = PersistenceProfile.fromConfig(config);
        SysMetricsSettings settings = SysMetricsSettings.fromConfig(config);
        if (profile.usesPostgres() && settings.enabled()) {
            context.spawn(SysMetricsWriter.create(settings, profile.postgres()), "sys-metrics");
        }
    }

    /**
     * The node's backfill service, reached by symbols through a plain {@link BackfillRequest} address;
     * null without live providers (replay, bench, the demo), where nothing can be backfilled.
     */
    private static ActorRef<BackfillRequest> backfill(ActorContext<Command> context, LiveSources live, Config config) {
        if (!live.any()) {
            return null;
        }
        ActorRef<Backfiller.Command> backfiller = context.spawn(Backfiller.create(
                Backfiller.Settings.fromConfig(config.getConfig("actortrading.feeds.backfill")), live), "backfill");
        return context.spawn(Behaviors.receive(BackfillRequest.class)
                .onMessage(BackfillRequest.class, request -> {
                    backfiller.tell(new Backfiller.Fetch(request));
                    return Behaviors.same();
                })
                .build(), "backfill-requests");
    }

    private NodeGuardian() {
    }
}
