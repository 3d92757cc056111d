package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.SourceHealth;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.CborSerializable;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Takes batches of normalized events from every feed and delivers them to the symbol actors through
 * the shard region, one envelope per symbol per batch.
 *
 * <p>Flow control without an ask per tick: the router counts the events it handed to symbols and
 * that they have not yet acknowledged ({@link Delivered}, one per envelope). While that count is
 * below {@code buffer-capacity} a feed's batch is acknowledged at once; above it the feed waits, so
 * its stream back-pressures and memory stays bounded however slow the symbols are. The fill level
 * is what {@link GetStats} reports.
 */
public final class FeedRouter extends AbstractBehavior<FeedRouter.Command> {

    public sealed interface Command permits FeedStarted, Route, FeedCompleted, FeedFailed, Delivered,
            SymbolsChanged, GetStats, AwaitIdle, AckTimeoutCheck, SourcesStarted, SourceHealthChanged,
            EvaluateSources, GetSymbolSources, GetLiveStatus, ReassignFeeds {
    }

    /** The status of every live feed connection ({@code atctl feeds show}), sorted by connection. */
    public record GetLiveStatus(ActorRef<List<SourceStatus>> replyTo) implements Command {
    }

    /** The live feeds of this node are running: the router assigns them their symbols from now on. */
    public record SourcesStarted(List<SourceHandle> handles) implements Command {
    }

    /** A live feed's connection or breaker state changed (forwarded by the feed supervisor). */
    public record SourceHealthChanged(SourceHealth health) implements Command {
    }

    /** What the router knows of one symbol's live sources (active, order, freshness, last switch). */
    public record GetSymbolSources(String symbol, ActorRef<SymbolSources> replyTo) implements Command {
    }

    /** @param sources empty when the symbol has no live source */
    public record SymbolSources(String symbol, Map<String, Object> sources) {
    }

    private enum EvaluateSources implements Command { INSTANCE }

    /** A feed restarted by its supervisor starts with no symbols: every feed is re-told its symbols now and then. */
    private enum ReassignFeeds implements Command { INSTANCE }

    /** The stream acknowledgement: the feed may send its next batch. */
    public enum Ack { INSTANCE }

    public record FeedStarted(String source, ActorRef<Ack> ackTo) implements Command {
    }

    /** @param takenAtNanos when the feed's sink took the batch's first event: latency is measured from here */
    public record Route(String source, List<MarketEvent> events, long takenAtNanos, ActorRef<Ack> ackTo)
            implements Command {
    }

    /** A batch forming in a feed's sink while the router is busy with the previous one. */
    private record Batch(long takenAtNanos, List<MarketEvent> events) {
    }

    public record FeedCompleted(String source) implements Command {
    }

    public record FeedFailed(String source, Throwable cause) implements Command {
    }

    /** A symbol actor applied this many events of one envelope. */
    public record Delivered(int events) implements Command, CborSerializable {
    }

    /** The registered symbols; events of any other symbol are counted and dropped. */
    /** @param sources each symbol's registered sources, in order; empty for a symbol registered without */
    public record SymbolsChanged(Set<String> symbols, Map<String, List<String>> sources) implements Command {
    }

    public record GetStats(ActorRef<RouterStats> replyTo) implements Command {
    }

    /**
     * Answered with {@link Idle} once no feed is running and every routed event has been applied
     * (replay uses it to know that the last bar has been built).
     */
    public record AwaitIdle(ActorRef<Idle> replyTo) implements Command {
    }

    public enum Idle { INSTANCE }

    private enum AckTimeoutCheck implements Command { INSTANCE }

    /** @param failovers how often a symbol's active live source changed since start */
    public record RouterStats(int bufferCapacity, long inFlight, double fill, long routed, long unknownSymbol,
                              long batches, long failovers, List<SourceStats> sources) implements CborSerializable {
    }

    public record SourceStats(String source, String state, long messages, double messagesPerSecond,
                              long lastMessageAt, long malformed, List<String> symbols) implements CborSerializable {
    }

    public record Settings(int bufferCapacity, int maxBatch, Duration ackTimeout, boolean acceptUnregistered) {
        public static Settings fromConfig(Config router) {
            return new Settings(router.getInt("buffer-capacity"), router.getInt("max-batch"),
                    router.getDuration("ack-timeout"), false);
        }

        /** Replay reads symbols from its files: every symbol it meets is accepted. */
        public Settings acceptingAllSymbols() {
            return new Settings(bufferCapacity, maxBatch, ackTimeout, true);
        }
    }

    /**
     * A stream sink for one feed: events are grouped into batches only while the router has not yet
     * acknowledged the previous one, so a quiet feed pays no batching delay and a busy one is not
     * flooding the router with tiny messages.
     */
    public static Sink<MarketEvent, NotUsed> sink(ActorRef<Command> router, String source, int maxBatch) {
        Sink<Batch, NotUsed> toRouter = ActorSink.actorRefWithBackpressure(
                router,
                (ActorRef<Ack> ackTo, Batch batch) -> new Route(source, batch.events(), batch.takenAtNanos(), ackTo),
                (ActorRef<Ack> ackTo) -> new FeedStarted(source, ackTo),
                Ack.INSTANCE,
                new FeedCompleted(source),
                (Throwable failure) -> new FeedFailed(source, failure));
        return Flow.<MarketEvent>create()
                .batch(maxBatch,
                        first -> {
                            Batch batch = new Batch(System.nanoTime(), new ArrayList<>());
                            batch.events().add(first);
                            return batch;
                        },
                        (batch, next) -> {
                            batch.events().add(next);
                            return batch;
                        })
                .to(toRouter);
    }

    /**
     * @param registry where the router learns which symbols are registered; null when
     *                 {@link Settings#acceptUnregistered()} (replay)
     */
    public static Behavior<Command> create(ActorRef<ShardingEnvelope<SymbolActor.Command>> shards, Settings settings,
                                           ActorRef<SymbolRegistry.Command> registry) {
        return create(shards, settings, registry, SourceFailover.Settings.none(), () -> Long.MIN_VALUE);
    }

    /**
     * @param failover   the symbols' live source orders and stale windows (none: every event applies)
     * @param marketNow  the market clock, for judging staleness only during a symbol's session
     */
    public static Behavior<Command> create(ActorRef<ShardingEnvelope<SymbolActor.Command>> shards, Settings settings,
                                           ActorRef<SymbolRegistry.Command> registry, SourceFailover.Settings failover,
                                           LongSupplier marketNow) {
        return create(shards, settings, registry, failover, marketNow, TradeTape.NONE);
    }

    /** @param tape told every batch's routed events (the Redis publisher), {@link TradeTape#NONE} for none */
    public static Behavior<Command> create(ActorRef<ShardingEnvelope<SymbolActor.Command>> shards, Settings settings,
                                           ActorRef<SymbolRegistry.Command> registry, SourceFailover.Settings failover,
                                           LongSupplier marketNow, TradeTape tape) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            if (registry != null) {
                registry.tell(new SymbolRegistry.Subscribe(context.messageAdapter(SymbolRegistry.Listing.class,
                        listing -> new SymbolsChanged(listing.symbols().stream()
                                .map(SymbolRegistry.RegisteredSymbol::symbol)
                                .collect(Collectors.toUnmodifiableSet()),
                                listing.symbols().stream().collect(Collectors.toUnmodifiableMap(
                                        SymbolRegistry.RegisteredSymbol::symbol,
                                        SymbolRegistry.RegisteredSymbol::sources))))));
            }
            return new FeedRouter(context, timers, shards, settings, new SourceFailover(failover), marketNow, tape);
        }));
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String RUNNING = "running";
    /** Messages per second are measured over windows of this length. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(1);

    private final ActorRef<ShardingEnvelope<SymbolActor.Command>> shards;
    private final Settings settings;
    private final ActorRef<Command> deliveredTo;
    private final ArrayDeque<ActorRef<Ack>> waitingFeeds = new ArrayDeque<>();
    private final List<ActorRef<Idle>> awaitingIdle = new ArrayList<>();
    private final Map<String, SourceState> sources = new TreeMap<>();
    private final HashMap<String, List<MarketEvent>> bySymbol = new HashMap<>();
    private Set<String> registered = Set.of();
    private Map<String, List<String>> registeredSources = Map.of();
    private final Set<String> reportedUnknown = new HashSet<>();
    private long inFlight;
    private long routed;
    private long unknownSymbol;
    private long batches;
    private long lastDeliveredNanos = System.nanoTime();
    private final SourceFailover failover;
    private final LongSupplier marketNow;
    private final TradeTape tape;
    /** What each live connection was last told to serve, so only changes are sent. */
    private final Map<String, Set<String>> assignedToFeeds = new HashMap<>();

    private FeedRouter(ActorContext<Command> context, TimerScheduler<Command> timers,
                       ActorRef<ShardingEnvelope<SymbolActor.Command>> shards, Settings settings,
                       SourceFailover failover, LongSupplier marketNow, TradeTape tape) {
        super(context);
        this.tape = tape;
        this.shards = shards;
        this.settings = settings;
        this.deliveredTo = context.getSelf();
        this.failover = failover;
        this.marketNow = marketNow;
        timers.startTimerWithFixedDelay(AckTimeoutCheck.INSTANCE, settings.ackTimeout());
        if (failover.enabled()) {
            timers.startTimerWithFixedDelay(EvaluateSources.INSTANCE, failover.settings().checkInterval());
            timers.startTimerWithFixedDelay(ReassignFeeds.INSTANCE, failover.settings().reassignInterval());
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Route.class, this::onRoute)
                .onMessage(Delivered.class, this::onDelivered)
                .onMessage(FeedStarted.class, this::onFeedStarted)
                .onMessage(FeedCompleted.class, this::onFeedCompleted)
                .onMessage(FeedFailed.class, this::onFeedFailed)
                .onMessage(SymbolsChanged.class, this::onSymbolsChanged)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(AwaitIdle.class, this::onAwaitIdle)
                .onMessageEquals(AckTimeoutCheck.INSTANCE, this::onAckTimeoutCheck)
                .onMessage(SourcesStarted.class, this::onSourcesStarted)
                .onMessage(SourceHealthChanged.class, this::onSourceHealthChanged)
                .onMessageEquals(EvaluateSources.INSTANCE, this::onEvaluateSources)
                .onMessageEquals(ReassignFeeds.INSTANCE, () -> {
                    assignedToFeeds.clear();
                    assignFeeds();
                    return this;
                })
                .onMessage(GetLiveStatus.class, get -> {
                    getContext().spawnAnonymous(LiveStatusCollector.create(
                            List.copyOf(failover.handles().values()), get.replyTo(), settings.ackTimeout()));
                    return this;
                })
                .onMessage(GetSymbolSources.class, get -> {
                    get.replyTo().tell(new SymbolSources(get.symbol(),
                            failover.describe(get.symbol(), System.nanoTime())));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onRoute(Route route) {
        long now = System.nanoTime();
        SourceState source = source(route.source());
        batches++;
        boolean live = failover.enabled();
        int skipped = 0;
        for (MarketEvent event : route.events()) {
            String symbol = event.symbol();
            if (symbol == null || !(settings.acceptUnregistered() || registered.contains(symbol))) {
                unknownSymbol++;
                skipped++;
                if (symbol != null && reportedUnknown.add(symbol)) {
                    getContext().getLog().warn("Dropping events for unregistered symbol {} from {} (counted as unknownSymbol; add it with 'atctl symbols add {}')",
                            symbol, route.source(), symbol);
                }
                continue;
            }
            bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(event);
            source.symbols.add(symbol);
            if (live) {
                failover.seen(symbol, event.source(), now);
            }
        }
        for (Map.Entry<String, List<MarketEvent>> entry : bySymbol.entrySet()) {
            List<MarketEvent> events = entry.getValue();
            shards.tell(new ShardingEnvelope<>(entry.getKey(),
                    new SymbolActor.Ingest(events, route.takenAtNanos(), deliveredTo, failover.choice(entry.getKey()))));
            inFlight += events.size();
            routed += events.size();
        }
        tape.record(skipped == 0 ? route.events() : routedOnly());
        bySymbol.clear();
        source.record(route.events().size(), now);
        if (inFlight < settings.bufferCapacity()) {
            route.ackTo().tell(Ack.INSTANCE);
        } else {
            waitingFeeds.add(route.ackTo());
        }
        return this;
    }

    /** The events of the batch being routed that went to symbols (a batch with unregistered symbols is rare). */
    private List<MarketEvent> routedOnly() {
        List<MarketEvent> routed = new ArrayList<>();
        bySymbol.values().forEach(routed::addAll);
        return routed;
    }

    private Behavior<Command> onDelivered(Delivered delivered) {
        inFlight = Math.max(0, inFlight - delivered.events());
        lastDeliveredNanos = System.nanoTime();
        releaseWaitingFeeds();
        answerIdle();
        return this;
    }

    private Behavior<Command> onAwaitIdle(AwaitIdle await) {
        awaitingIdle.add(await.replyTo());
        answerIdle();
        return this;
    }

    private void answerIdle() {
        if (awaitingIdle.isEmpty() || inFlight > 0) {
            return;
        }
        for (SourceState s : sources.values()) {
            if (s.state.equals(RUNNING)) {
                return;
            }
        }
        awaitingIdle.forEach(waiter -> waiter.tell(Idle.INSTANCE));
        awaitingIdle.clear();
    }

    private void releaseWaitingFeeds() {
        while (inFlight < settings.bufferCapacity() && !waitingFeeds.isEmpty()) {
            waitingFeeds.poll().tell(Ack.INSTANCE);
        }
    }

    private Behavior<Command> onAckTimeoutCheck() {
        long silentNanos = System.nanoTime() - lastDeliveredNanos;
        if (inFlight > 0 && silentNanos >= settings.ackTimeout().toNanos()) {
            getContext().getLog().warn("No symbol acknowledged anything for {} while {} events were in flight; writing them off so feeds continue",
                    settings.ackTimeout(), inFlight);
            inFlight = 0;
            lastDeliveredNanos = System.nanoTime();
            releaseWaitingFeeds();
        }
        return this;
    }

    private Behavior<Command> onFeedStarted(FeedStarted started) {
        source(started.source()).state = RUNNING;
        started.ackTo().tell(Ack.INSTANCE);
        return this;
    }

    private Behavior<Command> onFeedCompleted(FeedCompleted completed) {
        source(completed.source()).state = "completed";
        answerIdle();
        return this;
    }

    private Behavior<Command> onFeedFailed(FeedFailed failed) {
        source(failed.source()).state = "failed";
        answerIdle();
        // A live connection's stream ends with every disconnect; its feed logs and reconnects it.
        if (!failover.handles().containsKey(failed.source())) {
            getContext().getLog().warn("Feed {} failed: {}", failed.source(), String.valueOf(failed.cause()));
        }
        return this;
    }

    private Behavior<Command> onSymbolsChanged(SymbolsChanged changed) {
        Set<String> now = Set.copyOf(changed.symbols());
        for (String removed : registered) {
            if (!now.contains(removed)) {
                // A removed symbol stops (its forming bars kept in a snapshot); its history stays in the journal.
                shards.tell(new ShardingEnvelope<>(removed, SymbolActor.Passivate.INSTANCE));
            }
        }
        registered = now;
        registeredSources = Map.copyOf(changed.sources());
        sources.values().forEach(source -> source.symbols.retainAll(now));
        reportedUnknown.clear();
        if (failover.symbols(registeredSources, System.nanoTime())) {
            assignFeeds();
        }
        return this;
    }

    private Behavior<Command> onSourcesStarted(SourcesStarted started) {
        failover.connections(started.handles());
        failover.symbols(registeredSources, System.nanoTime());
        assignFeeds();
        return this;
    }

    private Behavior<Command> onSourceHealthChanged(SourceHealthChanged changed) {
        SourceHealth health = changed.health();
        failover.health(health);
        getContext().getLog().info("Source {} is {} (breaker {}){}", health.connection(), health.state(),
                health.breaker(), health.detail().isEmpty() ? "" : ": " + health.detail());
        return onEvaluateSources();
    }

    private Behavior<Command> onEvaluateSources() {
        List<SourceFailover.Switch> switches = failover.evaluate(System.nanoTime(), marketNow.getAsLong());
        for (SourceFailover.Switch change : switches) {
            getContext().getLog().info("{}: live source {} -> {} ({})", change.symbol(), change.from(), change.to(),
                    change.reason());
        }
        if (!switches.isEmpty()) {
            assignFeeds();
        }
        return this;
    }

    /** Tells each live feed its symbols, when they changed since it was last told. */
    private void assignFeeds() {
        for (Map.Entry<String, Set<String>> entry : failover.assignments().entrySet()) {
            Set<String> symbols = entry.getValue();
            if (!symbols.equals(assignedToFeeds.get(entry.getKey()))) {
                assignedToFeeds.put(entry.getKey(), symbols);
                failover.handles().get(entry.getKey()).assign(symbols);
            }
        }
    }

    private Behavior<Command> onGetStats(GetStats get) {
        long now = System.nanoTime();
        List<SourceStats> list = new ArrayList<>(sources.size());
        sources.forEach((name, s) -> list.add(s.stats(name, now)));
        double fill = settings.bufferCapacity() == 0 ? 0.0 : (double) inFlight / settings.bufferCapacity();
        get.replyTo().tell(new RouterStats(settings.bufferCapacity(), inFlight, fill, routed, unknownSymbol,
                batches, failover.switches(), list));
        return this;
    }

    private SourceState source(String name) {
        return sources.computeIfAbsent(name, n -> new SourceState());
    }

    /** Per-source counters; the message rate is the count over the last completed window. */
    private static final class SourceState {
        private String state = RUNNING;
        private long messages;
        private long lastMessageAtMillis;
        private long windowStartNanos = System.nanoTime();
        private long windowCount;
        private double ratePerSecond;
        private final Set<String> symbols = new HashSet<>();

        void record(int count, long nowNanos) {
            messages += count;
            lastMessageAtMillis = System.currentTimeMillis();
            rollWindow(nowNanos);
            windowCount += count;
        }

        private void rollWindow(long nowNanos) {
            long elapsed = nowNanos - windowStartNanos;
            if (elapsed >= RATE_WINDOW.toNanos()) {
                ratePerSecond = windowCount * (double) NANOS_PER_SECOND / elapsed;
                windowStartNanos = nowNanos;
                windowCount = 0;
            }
        }

        SourceStats stats(String name, long nowNanos) {
            rollWindow(nowNanos);
            return new SourceStats(name, state, messages, ratePerSecond, lastMessageAtMillis, 0,
                    symbols.stream().sorted().toList());
        }
    }
}
