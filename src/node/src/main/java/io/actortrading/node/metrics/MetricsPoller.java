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

    static Behavior<Command> create(NodeServices.Refs refs, NodeMetrics metrics, Recorder latency,
                                    MetricsSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Poll.INSTANCE, Duration.ZERO, settings.pollInterval());
            return new MetricsPoller(context, refs, metrics, latency, settings.answerTimeout());
        }));
    }

    /**
     * One question at a time to each actor: a busy region (a hand-off, a slow shard) answers late, and
     * questions must not pile up behind it. One unanswered for the answer timeout is asked again.
     */
    private static final class Question {
        private final Duration timeout;
        private long askedAtNanos;
        private boolean open;

        Question(Duration timeout) {
            this.timeout = timeout;
        }

        boolean ask(long nowNanos) {
            if (open && nowNanos - askedAtNanos < timeout.toNanos()) {
                return false;
            }
            open = true;
            askedAtNanos = nowNanos;
            return true;
        }

        void answered() {
            open = false;
        }
    }

    private final NodeServices.Refs refs;
    private final NodeMetrics metrics;
    private final Recorder latency;
    private final ActorRef<FeedRouter.RouterStats> statsTo;
    private final ActorRef<List<SourceStatus>> liveTo;
    private final ActorRef<ShardRegion.CurrentShardRegionState> regionTo;
    private final ActorRef<ClusterShardingQuery> shardState;
    private final Question routerStats;
    private final Question liveStatus;
    private final Question regionState;
    /** Reused for every interval: the poller allocates no histogram after the first. */
    private Histogram lastInterval;

    @SuppressWarnings("unchecked")
    private MetricsPoller(ActorContext<Command> context, NodeServices.Refs refs, NodeMetrics metrics, Recorder latency,
                          Duration answerTimeout) {
        super(context);
        this.routerStats = new Question(answerTimeout);
        this.liveStatus = new Question(answerTimeout);
        this.regionState = new Question(answerTimeout);
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
                    routerStats.answered();
                    metrics.routerStats(received.stats());
                    return this;
                })
                .onMessage(LiveStatusReceived.class, received -> {
                    liveStatus.answered();
                    metrics.liveStatus(received.statuses(), System.nanoTime());
                    return this;
                })
                .onMessage(RegionStateReceived.class, received -> {
                    regionState.answered();
                    var shards = received.state().getShards();
                    metrics.symbolRegion(shards.size(),
                            shards.stream().mapToLong(shard -> shard.getEntityIds().size()).sum());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onPoll() {
        long now = System.nanoTime();
        if (refs.router() == null) {
            metrics.liveStatus(List.of(), now);
        } else {
            if (routerStats.ask(now)) {
                refs.router().tell(new FeedRouter.GetStats(statsTo));
            }
            if (liveStatus.ask(now)) {
                refs.router().tell(new FeedRouter.GetLiveStatus(liveTo));
            }
        }
        if (regionState.ask(now)) {
            shardState.tell(new GetShardRegionState(SymbolActor.TYPE_KEY, regionTo));
        }
        lastInterval = latency.getIntervalHistogram(lastInterval);
        metrics.latencyInterval(lastInterval);
        return this;
    }
}
