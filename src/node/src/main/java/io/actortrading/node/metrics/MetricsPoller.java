package io.actortrading.node.metrics;

import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.NodeServices;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.symbol.SymbolActor;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.List;

/**
 * Asks the feed router (buffer, feeds, live connections) and the local symbol shard region (shards,
 * entities) for their figures every poll interval, and hands each answer to {@link NodeMetrics}. The
 * answers come back as plain messages, without an ask: an actor that does not answer leaves the last
 * figures in place, and the live-sources readiness check sees their age.
 */
final class MetricsPoller extends AbstractBehavior<MetricsPoller.Command> {

    sealed interface Command permits Poll, RouterStatsReceived, LiveStatusReceived, RegionStateReceived {
    }

    private enum Poll implements Command { INSTANCE }

    private record RouterStatsReceived(FeedRouter.RouterStats stats) implements Command {
    }

    private record LiveStatusReceived(List<SourceStatus> statuses) implements Command {
    }

    private record RegionStateReceived(ShardRegion.CurrentShardRegionState state) implements Command {
    }

    static Behavior<Command> create(NodeServices.Refs refs, NodeMetrics metrics, Recorder latency, Duration interval) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Poll.INSTANCE, Duration.ZERO, interval);
            return new MetricsPoller(context, refs, metrics, latency);
        }));
    }

    private final NodeServices.Refs refs;
    private final NodeMetrics metrics;
    private final Recorder latency;
    private final ActorRef<FeedRouter.RouterStats> statsTo;
    private final ActorRef<List<SourceStatus>> liveTo;
    private final ActorRef<ShardRegion.CurrentShardRegionState> regionTo;
    private final ActorRef<ClusterShardingQuery> shardState;
    /** Reused for every interval: the poller allocates no histogram after the first. */
    private Histogram lastInterval;

    @SuppressWarnings("unchecked")
    private MetricsPoller(ActorContext<Command> context, NodeServices.Refs refs, NodeMetrics metrics, Recorder latency) {
        super(context);
        this.refs = refs;
        this.metrics = metrics;
        this.latency = latency;
        this.statsTo = context.messageAdapter(FeedRouter.RouterStats.class, RouterStatsReceived::new);
        this.liveTo = context.messageAdapter((Class<List<SourceStatus>>) (Class<?>) List.class, LiveStatusReceived::new);
        this.regionTo = context.messageAdapter(ShardRegion.CurrentShardRegionState.class, RegionStateReceived::new);
        this.shardState = ClusterSharding.get(context.getSystem()).shardState();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(Poll.INSTANCE, this::onPoll)
                .onMessage(RouterStatsReceived.class, received -> {
                    metrics.routerStats(received.stats());
                    return this;
                })
                .onMessage(LiveStatusReceived.class, received -> {
                    metrics.liveStatus(received.statuses(), System.nanoTime());
                    return this;
                })
                .onMessage(RegionStateReceived.class, received -> {
                    var shards = received.state().getShards();
                    metrics.symbolRegion(shards.size(),
                            shards.stream().mapToLong(shard -> shard.getEntityIds().size()).sum());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onPoll() {
        if (refs.router() != null) {
            refs.router().tell(new FeedRouter.GetStats(statsTo));
            refs.router().tell(new FeedRouter.GetLiveStatus(liveTo));
        } else {
            metrics.liveStatus(List.of(), System.nanoTime());
        }
        shardState.tell(new GetShardRegionState(SymbolActor.TYPE_KEY, regionTo));
        lastInterval = latency.getIntervalHistogram(lastInterval);
        metrics.latencyInterval(lastInterval);
        return this;
    }
}
