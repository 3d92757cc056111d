package io.actortrading.node.redis;

import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.metrics.SinkStatus;
import io.actortrading.node.symbol.SymbolActor;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the node's trades and closed 1-minute bars to Redis in the {@link HotDataLayout}.
 *
 * <p>The router ({@link #offerTicks}) and the symbols' listener ({@link #listener}) only put items into two
 * bounded buffers: a counter check and a lock-free enqueue, never a wait. A stream stage takes them out
 * in batches ({@code batch-size} / {@code batch-interval}) and writes each batch as one pipelined flush
 * on a single Lettuce connection (a batch of trades as a single script call), {@code batches-in-flight} at a time. A batch that fails because Redis
 * is slow or gone is retried with backoff and holds its place, so while Redis is away the stream stops
 * pulling, the buffers fill, and further items are dropped and counted: the actors never notice. Lettuce
 * re-establishes a lost connection by itself, and waiting batches are retried as soon as it has; the
 * outage is logged once when it starts and once when it ends. Stream entries are written at least once: a batch retried after a timeout may repeat entries.
 */
public final class RedisPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPublisher.class);

    /** The metrics and {@code /api/sinks} name. */
    public static final String SINK = "redis";

    /** HSET, PEXPIRE, ZREMRANGEBYSCORE, ZADD, ZREMRANGEBYRANK, XADD. */
    private static final int COMMANDS_PER_BAR = 6;
    private static final int BACKOFF_FACTOR = 2;
    /** Powers of the backoff factor between the reconnect delay's bounds (Lettuce's exponential delay). */
    private static final int RECONNECT_DELAY_BASE = 2;

    /** A router batch and the number of trades in it, counted once when offered. */
    private record OfferedTicks(List<MarketEvent> events, int ticks) {
    }

    private sealed interface Batch permits TickBatch, BarBatch {
        int items();
    }

    private record TickBatch(List<OfferedTicks> offers) implements Batch {
        @Override
        public int items() {
            int items = 0;
            for (OfferedTicks offer : offers) {
                items += offer.ticks();
            }
            return items;
        }
    }

    private record BarBatch(List<SymbolActor.BarUpdate> bars) implements Batch {
        @Override
        public int items() {
            return bars.size();
        }
    }

    private final RedisSettings settings;
    private final ActorSystem<?> system;
    private final HotDataLayout layout;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final XAddArgs aggMinuteTrim;
    private final BoundedSourceQueue<OfferedTicks> ticks;
    private final BoundedSourceQueue<SymbolActor.BarUpdate> bars;
    private final CompletionStage<Done> drained;
    private final AtomicLong bufferedTicks = new AtomicLong();
    private final AtomicLong bufferedBars = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean rejectedLogged = new AtomicBoolean();
    /** Completed (and replaced) whenever Lettuce re-establishes the connection: waiting retries go at once. */
    private final AtomicReference<CompletableFuture<Void>> reconnected = new AtomicReference<>(new CompletableFuture<>());
    private volatile long downSinceNanos;
    private volatile boolean stopping;

    /**
     * The node's publisher, per {@code actortrading.redis}: empty when no URL is configured. Its status is
     * registered with the node's metrics as sink {@value #SINK}.
     */
    public static Optional<RedisPublisher> fromConfig(ActorSystem<?> system) {
        RedisSettings settings = RedisSettings.fromConfig(system.settings().config().getConfig("actortrading.redis"));
        if (!settings.enabled()) {
            return Optional.empty();
        }
        RedisPublisher publisher = start(system, settings);
        NodeMetrics.get(system).registerSink(SINK, publisher::status);
        return Optional.of(publisher);
    }

    /** A running publisher, flushed and closed by the system's coordinated shutdown. */
    public static RedisPublisher start(ActorSystem<?> system, RedisSettings settings) {
        return new RedisPublisher(system, settings);
    }

    private RedisPublisher(ActorSystem<?> system, RedisSettings settings) {
        this.settings = settings;
        this.system = system;
        this.layout = new HotDataLayout(settings.keyPrefix());
        this.uri = parse(settings);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(settings.backoffMin(), settings.backoffMax(), RECONNECT_DELAY_BASE,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        resources.eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionActivatedEvent) {
                reconnected.getAndSet(new CompletableFuture<>()).complete(null);
            }
        });
        // Rejecting while disconnected (rather than Lettuce's default of queueing without bound) is what
        // keeps memory bounded during an outage: the stream's own retry holds the batch instead.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.batchSize() * settings.batchesInFlight() * COMMANDS_PER_BAR)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        this.aggMinuteTrim = new XAddArgs().maxlen(settings.aggMinuteStreamMaxLength()).approximateTrimming();

        Pair<BoundedSourceQueue<OfferedTicks>, Source<OfferedTicks, NotUsed>> tickSource =
                Source.<OfferedTicks>queue(settings.tickBuffer()).preMaterialize(system);
        Pair<BoundedSourceQueue<SymbolActor.BarUpdate>, Source<SymbolActor.BarUpdate, NotUsed>> barSource =
                Source.<SymbolActor.BarUpdate>queue(settings.barBuffer()).preMaterialize(system);
        this.ticks = tickSource.first();
        this.bars = barSource.first();
        Source<Batch, NotUsed> tickBatches = tickSource.second()
                .groupedWeightedWithin(settings.batchSize(), offer -> (long) offer.ticks(), settings.batchInterval())
                .map(TickBatch::new);
        Source<Batch, NotUsed> barBatches = barSource.second()
                .groupedWithin(settings.batchSize(), settings.batchInterval())
                .map(BarBatch::new);
        this.drained = tickBatches.merge(barBatches)
                .mapAsync(settings.batchesInFlight(), this::write)
                .toMat(Sink.ignore(), Keep.right())
                .run(system);
        connection();
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "redis-flush",
                this::stop);
    }

    /** The URL as Lettuce's; a malformed one is refused naming the URL without its password (nor the cause, which holds it). */
    private static RedisURI parse(RedisSettings settings) {
        try {
            return RedisURI.create(settings.url());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("actortrading.redis.url (REDIS_URL) is not a Redis URL: "
                    + settings.describe() + ": " + settings.redact(e.getMessage()));
        }
    }

    /**
     * Called by the router with every batch it routed; takes the batch's trades (quotes and provider bars
     * are not published) unless the tick buffer lacks room for them, in which case they are dropped and
     * counted. Never blocks; allocates one small holder per batch. The list must not change afterwards.
     */
    public void offerTicks(List<MarketEvent> events) {
        int count = 0;
        for (int i = 0, n = events.size(); i < n; i++) {
            if (events.get(i) instanceof Tick) {
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        if (bufferedTicks.addAndGet(count) > settings.tickBuffer()) {
            bufferedTicks.addAndGet(-count);
            dropped.addAndGet(count);
            return;
        }
        if (ticks.offer(new OfferedTicks(events, count)) != QueueOfferResult.enqueued()) {
            bufferedTicks.addAndGet(-count);
            dropped.addAndGet(count);
        }
    }

    /** A closed 1-minute bar for the hot cache; other timeframes are not published. Never blocks. */
    public void offerBar(SymbolActor.BarUpdate update) {
        if (update.bar().timeframe() != Timeframe.M1) {
            return;
        }
        if (bufferedBars.incrementAndGet() > settings.barBuffer()
                || bars.offer(update) != QueueOfferResult.enqueued()) {
            bufferedBars.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    /**
     * The symbols' listener: offers every closed 1-minute bar, and hands every update on to
     * {@code delegate} (the listener the node was started with).
     */
    public Behavior<SymbolActor.SymbolUpdate> listener(ActorRef<SymbolActor.SymbolUpdate> delegate) {
        return Behaviors.receive(SymbolActor.SymbolUpdate.class)
                .onMessage(SymbolActor.SymbolUpdate.class, update -> {
                    if (update instanceof SymbolActor.BarUpdate bar) {
                        offerBar(bar);
                    }
                    delegate.tell(update);
                    return Behaviors.same();
                })
                .build();
    }

    /** Buffered items (waiting or being written), capacity, drops, writes and the connection. */
    public SinkStatus status() {
        return new SinkStatus(bufferedTicks.get() + bufferedBars.get(), (long) settings.tickBuffer() + settings.barBuffer(),
                dropped.get(), written.get(), connected());
    }

    /** Redis answers on the publisher's connection and its last batch went through. */
    public boolean connected() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        return current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join().isOpen() && !down.get();
    }

    public RedisSettings settings() {
        return settings;
    }

    private CompletionStage<Integer> write(Batch batch) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        attempt(batch, done, settings.backoffMin());
        return done;
    }

    private void attempt(Batch batch, CompletableFuture<Integer> done, Duration backoff) {
        connection().thenCompose(redis -> send(redis, batch)).whenComplete((ignored, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                reachable();
                finish(batch, done, true);
            } else if (cause instanceof RedisCommandExecutionException rejected) {
                reachable();
                if (rejectedLogged.compareAndSet(false, true)) {
                    LOG.warn("Redis at {} rejected a write ({}); the batch's items are counted as dropped (logged once)",
                            settings.describe(), settings.redact(rejected.getMessage()));
                }
                finish(batch, done, false);
            } else if (stopping) {
                finish(batch, done, false);
            } else {
                unreachable(cause);
                Duration next = backoff.multipliedBy(BACKOFF_FACTOR);
                CompletableFuture<Void> pause = new CompletableFuture<>();
                system.scheduler().scheduleOnce(backoff, () -> pause.complete(null), system.executionContext());
                pause.applyToEither(reconnected.get(), ignoredSignal -> ignoredSignal)
                        .thenRun(() -> attempt(batch, done, next.compareTo(settings.backoffMax()) > 0
                                ? settings.backoffMax() : next));
            }
        });
    }

    private void finish(Batch batch, CompletableFuture<Integer> done, boolean ok) {
        int items = batch.items();
        (ok ? written : dropped).addAndGet(items);
        (batch instanceof TickBatch ? bufferedTicks : bufferedBars).addAndGet(-items);
        done.complete(items);
    }

    /** The one connection, opened on first use and again after a failed first attempt; Lettuce keeps it up after that. */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> next = new CompletableFuture<>();
        if (!connection.compareAndSet(current, next)) {
            return connection();
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((redis, failure) -> {
            if (failure != null) {
                unreachable(failure);
                next.completeExceptionally(failure);
            } else {
                redis.setAutoFlushCommands(false);
                next.complete(redis);
            }
        });
        return next;
    }

    /**
     * Issues the batch's commands and flushes them as one pipeline. Under the connection's lock because
     * with auto-flush off a flush sends whatever any thread has issued: batches must not interleave.
     */
    private CompletableFuture<Void> send(StatefulRedisConnection<String, String> redis, Batch batch) {
        RedisAsyncCommands<String, String> commands = redis.async();
        List<RedisFuture<?>> replies = new ArrayList<>();
        synchronized (redis) {
            if (batch instanceof TickBatch tickBatch) {
                List<String> args = new ArrayList<>(1 + tickBatch.items() * HotDataLayout.TICK_ARGS);
                args.add(Long.toString(settings.ticksStreamMaxLength()));
                for (OfferedTicks offer : tickBatch.offers()) {
                    for (MarketEvent event : offer.events()) {
                        if (event instanceof Tick tick) {
                            HotDataLayout.addTickArgs(tick, args);
                        }
                    }
                }
                replies.add(commands.eval(HotDataLayout.APPEND_TICKS, ScriptOutputType.INTEGER,
                        new String[]{layout.ticksStream()}, args.toArray(String[]::new)));
            } else {
                long now = System.currentTimeMillis();
                for (SymbolActor.BarUpdate update : ((BarBatch) batch).bars()) {
                    sendBar(commands, update, now, replies);
                }
            }
            redis.flushCommands();
        }
        return CompletableFuture.allOf(replies.stream().map(RedisFuture::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    private void sendBar(RedisAsyncCommands<String, String> commands, SymbolActor.BarUpdate update, long now,
                         List<RedisFuture<?>> replies) {
        String symbol = update.bar().symbol();
        long start = update.bar().start();
        String latest = layout.latestKey(symbol);
        String recent = layout.barsKey(symbol);
        replies.add(commands.hset(latest, HotDataLayout.latestFields(update, now)));
        replies.add(commands.pexpire(latest, settings.latestTtl()));
        // A revised minute replaces the member announced before for the same start.
        replies.add(commands.zremrangebyscore(recent, start, start));
        replies.add(commands.zadd(recent, start, HotDataLayout.barMember(update.bar())));
        replies.add(commands.zremrangebyrank(recent, 0, -(settings.recentBars() + 1L)));
        replies.add(commands.xadd(layout.aggMinuteStream(), aggMinuteTrim, HotDataLayout.aggMinuteFields(update)));
    }

    private void unreachable(Throwable cause) {
        if (down.compareAndSet(false, true)) {
            downSinceNanos = System.nanoTime();
            LOG.warn("Redis at {} is unreachable ({}): buffering up to {} ticks and {} bars, dropping and counting beyond that (at_sink_dropped_total); retrying every {} to {}",
                    settings.describe(), settings.redact(String.valueOf(cause)), settings.tickBuffer(),
                    settings.barBuffer(), settings.backoffMin(), settings.backoffMax());
        }
    }

    private void reachable() {
        if (down.compareAndSet(true, false)) {
            LOG.info("Redis at {} is reachable again after {} ms; {} items dropped since start",
                    settings.describe(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSinceNanos),
                    dropped.get());
        }
    }

    /**
     * Coordinated shutdown: no new items, what is buffered is written for at most {@code shutdown-timeout}
     * (retries then give up, counted as dropped), then the connection and client close.
     */
    private CompletionStage<Done> stop() {
        ticks.complete();
        bars.complete();
        return drained.toCompletableFuture()
                .completeOnTimeout(Done.getInstance(), settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> Done.getInstance())
                .thenApply(flushed -> {
                    stopping = true;
                    CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
                    if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
                        current.join().closeAsync();
                    }
                    client.shutdownAsync().whenComplete((done, failure) -> resources.shutdown());
                    return Done.getInstance();
                });
    }
}
