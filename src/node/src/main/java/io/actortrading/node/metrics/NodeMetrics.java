package io.actortrading.node.metrics;

import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.NodeServices;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.symbol.IngestMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import static io.actortrading.node.metrics.MetricNames.*;

/**
 * The node's Micrometer registry, scraped in Prometheus' text format by {@link MetricsRoutes}.
 *
 * <p>Nothing here touches the market data path. Counters the node keeps anyway ({@link IngestMetrics})
 * are read at scrape time; figures that live inside actors (the router's buffer and feeds, the live
 * connections, the symbol shard region) are asked for by {@link MetricsPoller} every
 * {@code actortrading.metrics.poll-interval} and kept here as the last answer, which the gauges read.
 * The poller starts once the node's guardian has published its actors ({@link NodeServices}).
 *
 * <p>Other components add their figures with {@link #registerSink}, {@link #registerProjection} and
 * {@link #registerPersistenceFailures}, or register meters of their own on {@link #registry()}
 * following {@link MetricNames}. Suppliers are called on every scrape, from the HTTP server's threads:
 * they must be thread-safe and must not block (read an atomic, never ask an actor or a server).
 */
public final class NodeMetrics implements Extension {

    /** The live connections' status as the poller last received it. */
    public record LiveStatus(List<SourceStatus> sources, long receivedAtNanos) {
        public LiveStatus {
            sources = List.copyOf(sources);
        }
    }

    private static final String SYMBOL_REGION_TYPE = "symbol";
    private static final String SECONDS = "seconds";
    private static final double PERCENT = 100.0;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsSettings settings;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, Supplier<SinkStatus>> sinks = new ConcurrentSkipListMap<>();
    private final AtomicReference<FeedRouter.RouterStats> router = new AtomicReference<>();
    private volatile Map<String, FeedRouter.SourceStats> feeds = Map.of();
    private final AtomicReference<LiveStatus> live = new AtomicReference<>();
    /** Each connection's last status: one that missed a poll (a feed restarting) keeps its figures. */
    private volatile Map<String, SourceStatus> sources = Map.of();
    private volatile int regionShards;
    private volatile long regionEntities;
    private volatile double[] latencySeconds;

    private NodeMetrics(ActorSystem<?> system) {
        this.settings = MetricsSettings.fromConfig(system.settings().config().getConfig("actortrading.metrics"));
        this.latencySeconds = unknownLatency();
        JvmGcMetrics gc = new JvmGcMetrics();
        List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(),
                new UptimeMetrics()).forEach(binder -> binder.bindTo(registry));
        system.getWhenTerminated().thenRun(() -> {
            gc.close();
            registry.close();
        });
        IngestMetrics ingest = IngestMetrics.get(system);
        counter(TICKS_IN, Tags.empty(), metrics -> ingest.applied());
        counter(BARS_CLOSED, Tags.empty(), metrics -> ingest.barsClosed());
        List<Double> quantiles = settings.latencyQuantiles();
        for (int i = 0; i < quantiles.size(); i++) {
            int index = i;
            secondsGauge(INGEST_LATENCY, Tags.of(TAG_QUANTILE, String.valueOf(quantiles.get(i))),
                    metrics -> metrics.latencySeconds[index]);
        }
        var latency = ingest.exportedLatency();
        NodeServices.get(system).started().thenAccept(refs -> system.systemActorOf(
                MetricsPoller.create(refs, this, latency, settings), "metrics-poller", Props.empty()));
    }

    /** For meters of other components; see {@link MetricNames} for the naming rules. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus' text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /** The live connections' last status; empty until the poller has had an answer from the router. */
    public Optional<LiveStatus> liveStatus() {
        return Optional.ofNullable(live.get());
    }

    /**
     * A sink's buffer fill, drops, writes and connection, read at every scrape. Register each sink
     * once, with a supplier that reads what the sink keeps (e.g. atomics it updates itself).
     *
     * @throws IllegalStateException when a sink of that name is already registered
     */
    public void registerSink(String name, Supplier<SinkStatus> status) {
        claim("sink:" + name);
        sinks.put(name, status);
        Tags tags = Tags.of(TAG_SINK, name);
        gauge(SINK_BUFFER_FILL, tags, metrics -> status.get().fill());
        counter(SINK_DROPPED, tags, metrics -> status.get().dropped());
        counter(SINK_WRITTEN, tags, metrics -> status.get().written());
        gauge(SINK_CONNECTED, tags, metrics -> status.get().connected() ? 1 : 0);
    }

    /** Every registered sink's status now, by name (for /api/sinks). */
    public Map<String, SinkStatus> sinks() {
        Map<String, SinkStatus> now = new LinkedHashMap<>();
        sinks.forEach((name, status) -> now.put(name, status.get()));
        return now;
    }

    /**
     * How far a projection is behind the journal (now minus the time of the last event it handled),
     * read at every scrape.
     *
     * @throws IllegalStateException when a projection of that name is already registered
     */
    public void registerProjection(String name, Supplier<Duration> lag) {
        claim("projection:" + name);
        secondsGauge(PROJECTION_LAG, Tags.of(TAG_PROJECTION, name),
                metrics -> lag.get().toNanos() / (double) TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * The failed writes of a persistence store (the journal, a bar table), a count kept since start,
     * read at every scrape.
     *
     * @throws IllegalStateException when a store of that name is already registered
     */
    public void registerPersistenceFailures(String store, LongSupplier failures) {
        claim("persistence:" + store);
        counter(PERSISTENCE_FAILURES, Tags.of(TAG_STORE, store), metrics -> failures.getAsLong());
    }

    void routerStats(FeedRouter.RouterStats stats) {
        Map<String, FeedRouter.SourceStats> bySource = new HashMap<>(feeds);
        stats.sources().forEach(source -> bySource.put(source.source(), source));
        feeds = Map.copyOf(bySource);
        router.set(stats);
        if (registered.add("router")) {
            gauge(ROUTER_BUFFER_CAPACITY, Tags.empty(), metrics -> metrics.router.get().bufferCapacity());
            gauge(ROUTER_BUFFER_IN_FLIGHT, Tags.empty(), metrics -> metrics.router.get().inFlight());
            gauge(ROUTER_BUFFER_FILL, Tags.empty(), metrics -> metrics.router.get().fill());
            counter(ROUTER_ROUTED, Tags.empty(), metrics -> metrics.router.get().routed());
            counter(ROUTER_UNKNOWN_SYMBOL, Tags.empty(), metrics -> metrics.router.get().unknownSymbol());
            counter(ROUTER_BATCHES, Tags.empty(), metrics -> metrics.router.get().batches());
            counter(ROUTER_FAILOVERS, Tags.empty(), metrics -> metrics.router.get().failovers());
        }
        for (FeedRouter.SourceStats source : stats.sources()) {
            String name = source.source();
            if (registered.add("feed:" + name)) {
                Tags tags = Tags.of(TAG_SOURCE, name);
                counter(FEED_EVENTS, tags, metrics -> metrics.feeds.get(name).messages());
                gauge(FEED_RUNNING, tags, metrics -> "running".equals(metrics.feeds.get(name).state()) ? 1 : 0);
            }
        }
    }

    void liveStatus(List<SourceStatus> statuses, long receivedAtNanos) {
        Map<String, SourceStatus> byConnection = new HashMap<>(sources);
        statuses.forEach(status -> byConnection.put(status.connection(), status));
        sources = Map.copyOf(byConnection);
        live.set(new LiveStatus(statuses, receivedAtNanos));
        for (SourceStatus status : statuses) {
            String connection = status.connection();
            Tags tags = Tags.of(TAG_SOURCE, connection, TAG_PROVIDER, status.provider());
            if (registered.add("source:" + connection)) {
                counter(SOURCE_MESSAGES, tags, metrics -> metrics.sources.get(connection).messages());
                counter(SOURCE_RECONNECTS, tags, metrics -> metrics.sources.get(connection).reconnects());
                gauge(SOURCE_BREAKER_STATE, tags, metrics -> breakerValue(metrics.sources.get(connection).breaker()));
                secondsGauge(SOURCE_LAST_MESSAGE_AGE, tags, metrics -> lastMessageAgeSeconds(metrics.sources.get(connection)));
                for (ConnectionState state : ConnectionState.values()) {
                    gauge(SOURCE_STATE, tags.and(TAG_STATE, state.name()),
                            metrics -> metrics.sources.get(connection).state() == state ? 1 : 0);
                }
            }
            for (String kind : status.errors().keySet()) {
                if (registered.add("source-errors:" + connection + ":" + kind)) {
                    counter(SOURCE_ERRORS, tags.and(TAG_KIND, kind),
                            metrics -> metrics.sources.get(connection).errors().getOrDefault(kind, 0L));
                }
            }
        }
    }

    void symbolRegion(int shards, long entities) {
        regionShards = shards;
        regionEntities = entities;
        if (registered.add("region:" + SYMBOL_REGION_TYPE)) {
            Tags tags = Tags.of(TAG_TYPE, SYMBOL_REGION_TYPE);
            gauge(SHARD_REGION_SHARDS, tags, metrics -> metrics.regionShards);
            gauge(SHARD_REGION_ENTITIES, tags, metrics -> metrics.regionEntities);
        }
    }

    /** One poll interval's latencies, in nanoseconds. */
    void latencyInterval(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            latencySeconds = unknownLatency();
            return;
        }
        List<Double> quantiles = settings.latencyQuantiles();
        double[] seconds = new double[quantiles.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = nanos.getValueAtPercentile(quantiles.get(i) * PERCENT) / (double) TimeUnit.SECONDS.toNanos(1);
        }
        latencySeconds = seconds;
    }

    private double[] unknownLatency() {
        double[] unknown = new double[settings.latencyQuantiles().size()];
        Arrays.fill(unknown, Double.NaN);
        return unknown;
    }

    private static int breakerValue(BreakerState breaker) {
        return switch (breaker) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private static double lastMessageAgeSeconds(SourceStatus status) {
        if (status.lastMessageAtMillis() <= 0) {
            return Double.NaN;
        }
        return Math.max(0L, System.currentTimeMillis() - status.lastMessageAtMillis()) / (double) TimeUnit.SECONDS.toMillis(1);
    }

    private void claim(String key) {
        if (!registered.add(key)) {
            throw new IllegalStateException(key.replace(':', ' ') + " is already registered");
        }
    }

    /** The meters hold this extension, which lives as long as the actor system (Micrometer keeps only a weak reference). */
    private void gauge(String name, Tags tags, ToDoubleFunction<NodeMetrics> value) {
        Gauge.builder(name, this, value).tags(tags).description(MetricNames.description(name)).register(registry);
    }

    /** Exposed with the unit appended: {@code at.projection.lag} becomes {@code at_projection_lag_seconds}. */
    private void secondsGauge(String name, Tags tags, ToDoubleFunction<NodeMetrics> value) {
        Gauge.builder(name, this, value).tags(tags).baseUnit(SECONDS).description(MetricNames.description(name))
                .register(registry);
    }

    private void counter(String name, Tags tags, ToDoubleFunction<NodeMetrics> value) {
        FunctionCounter.builder(name, this, value).tags(tags).description(MetricNames.description(name))
                .register(registry);
    }

    public static NodeMetrics get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    private static final class Id extends ExtensionId<NodeMetrics> {
        private static final Id INSTANCE = new Id();

        @Override
        public NodeMetrics createExtension(ActorSystem<?> system) {
            return new NodeMetrics(system);
        }
    }
}
