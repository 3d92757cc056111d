package io.actortrading.node.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.node.Durations;
import io.actortrading.node.NodeGuardian;
import io.actortrading.node.NodeLauncher;
import io.actortrading.node.NodeServices;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.feed.ReplayFeed;
import io.actortrading.node.feed.SyntheticFeed;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.symbol.IngestMetrics;
import io.actortrading.node.symbol.SymbolActor;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code actortrading demo}: a single node on embedded defaults, fed by the synthetic market and a
 * bundled recorded session, printing a status line a second. Starts from a clean ./data/demo each
 * time so that runs are repeatable.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a single demo node (synthetic market + bundled replay) and print status every second.")
public final class DemoCommand implements Callable<Integer> {

    /** The ten demo symbols: the bundled session's two, five more equities, three crypto pairs. */
    static final List<String> REPLAYED = List.of("NVDA", "MSFT");
    static final List<String> SYNTHETIC = List.of("AAPL", "AMZN", "GOOGL", "META", "SPY", "BTC-USD", "ETH-USD", "SOL-USD");
    private static final String BUNDLED_SESSION = "/replay/demo-nvda-msft-2026-03-02.csv";
    private static final Path DEMO_DATA = Path.of("data", "demo");
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);
    private static final double NANOS_PER_MICRO = 1_000.0;
    /** Symbols recover from the journal and the JIT warms up first; the summary's latency starts after that. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    @Option(names = "--duration", converter = Durations.class,
            description = "Stop after this long (e.g. 30s, 5m); default: run until Ctrl+C")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        wipe(DEMO_DATA);
        Path session = extractBundledSession();
        Config config = NodeLauncher.configure(demoConfig(session));
        MarketClock clock = MarketClock.fromConfig(config.getConfig("actortrading.clock"));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(config, new NodeGuardian.Options(clock, false, false, false,
                Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        NodeLauncher.startInspection(system);
        register(system);
        system.tell(NodeGuardian.StartFeeds.INSTANCE);
        System.out.printf("ActorTrading demo: %d symbols, market clock %sx from %s, inspection on %s:%d (try: bin/atctl symbols show NVDA)%n",
                REPLAYED.size() + SYNTHETIC.size(), config.getDouble("actortrading.clock.speed"),
                config.getString("actortrading.clock.start"), config.getString("pekko.management.http.hostname"),
                config.getInt("pekko.management.http.port"));

        StatusReporter reporter = new StatusReporter(system);
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                System.out.println(reporter.summary());
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline && !finished.get()) {
            try {
                system.getWhenTerminated().toCompletableFuture().get(STATUS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException stillRunning) {
                System.out.println(reporter.statusLine());
            }
        }
        if (finished.compareAndSet(false, true)) {
            System.out.println(reporter.summary());
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
        return 0;
    }

    /** The demo's symbols, each with the one feed that serves it, so no symbol gets two price paths. */
    private static void register(ActorSystem<NodeGuardian.Command> system) throws Exception {
        NodeServices.Refs refs = NodeServices.get(system).started().toCompletableFuture()
                .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (String symbol : REPLAYED) {
            add(system, refs, symbol, ReplayFeed.SOURCE);
        }
        for (String symbol : SYNTHETIC) {
            add(system, refs, symbol, SyntheticFeed.SOURCE);
        }
    }

    private static void add(ActorSystem<NodeGuardian.Command> system, NodeServices.Refs refs, String symbol, String source) throws Exception {
        SymbolRegistry.AddResult result = AskPattern.<SymbolRegistry.Command, SymbolRegistry.AddResult>ask(refs.registry(),
                replyTo -> new SymbolRegistry.Add(symbol, List.of(source), replyTo), ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture().get();
        if (!(result instanceof SymbolRegistry.Added || result instanceof SymbolRegistry.AlreadyRegistered)) {
            throw new IllegalStateException("could not register demo symbol " + symbol + ": " + result);
        }
    }

    private static Config demoConfig(Path session) {
        String journalUrl = "jdbc:h2:file:" + DEMO_DATA.resolve("journal").resolve("actortrading").toAbsolutePath()
                + ";DATABASE_TO_UPPER=false";
        return ConfigFactory.parseResources("demo.conf")
                .withValue("actortrading.feeds.replay.files",
                        ConfigValueFactory.fromIterable(List.of(session.toAbsolutePath().toString())))
                .withValue("pekko-persistence-jdbc.shared-databases.default.db.url", ConfigValueFactory.fromAnyRef(journalUrl))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(DEMO_DATA.resolve("ddata").toAbsolutePath().toString()));
    }

    private static Path extractBundledSession() throws IOException {
        Path target = DEMO_DATA.resolve("replay").resolve(Path.of(BUNDLED_SESSION).getFileName().toString());
        Files.createDirectories(target.getParent());
        try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_SESSION)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_SESSION + " is missing from the feeds jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads the node's counters once a second; asks are fine here, this is not the hot path. */
    private static final class StatusReporter {
        private final ActorSystem<NodeGuardian.Command> system;
        private final IngestMetrics metrics;
        private final long startNanos = System.nanoTime();
        private final Histogram latency = new Histogram(3);
        private long lastApplied;
        private long lastNanos = startNanos;

        StatusReporter(ActorSystem<NodeGuardian.Command> system) {
            this.system = system;
            this.metrics = IngestMetrics.get(system);
        }

        String statusLine() {
            long now = System.nanoTime();
            long applied = metrics.applied();
            double rate = (applied - lastApplied) * 1e9 / Math.max(1, now - lastNanos);
            lastApplied = applied;
            lastNanos = now;
            Histogram interval = metrics.latency().getIntervalHistogram();
            if (now - startNanos >= WARM_UP.toNanos()) {
                latency.add(interval);
            }
            String router = routerStats().map(s -> String.format(Locale.ROOT, "%.1f%%", s.fill() * 100)).orElse("?");
            return String.format(Locale.ROOT, "[demo %4ds] ticks/s=%,.0f symbols=%s bars_closed=%,d buffer=%s p99=%,.0fus orders=0",
                    TimeUnit.NANOSECONDS.toSeconds(now - startNanos), rate, symbolCount(), metrics.barsClosed(), router,
                    interval.getValueAtPercentile(99) / NANOS_PER_MICRO);
        }

        String summary() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return String.format(Locale.ROOT,
                    "demo summary: %.0fs, %,d events applied (%,.0f/s), %,d bars closed, %s symbols, latency after the first %ds p50=%.0fus p99=%.0fus, 0 orders (the portfolio comes in a later release)",
                    seconds, metrics.applied(), metrics.applied() / Math.max(seconds, 1e-9), metrics.barsClosed(),
                    symbolCount(), WARM_UP.toSeconds(), latency.getValueAtPercentile(50) / NANOS_PER_MICRO,
                    latency.getValueAtPercentile(99) / NANOS_PER_MICRO);
        }

        private Optional<FeedRouter.RouterStats> routerStats() {
            return NodeServices.get(system).refs().flatMap(refs -> {
                try {
                    return Optional.of(AskPattern.<FeedRouter.Command, FeedRouter.RouterStats>ask(refs.router(),
                            FeedRouter.GetStats::new, ASK_TIMEOUT, system.scheduler()).toCompletableFuture().get());
                } catch (Exception e) {
                    return Optional.empty();
                }
            });
        }

        private String symbolCount() {
            return NodeServices.get(system).refs().map(refs -> {
                try {
                    return String.valueOf(AskPattern.<SymbolRegistry.Command, SymbolRegistry.Listing>ask(refs.registry(),
                                    SymbolRegistry.GetSymbols::new, ASK_TIMEOUT, system.scheduler())
                            .toCompletableFuture().get().symbols().size());
                } catch (Exception e) {
                    return "?";
                }
            }).orElse("?");
        }
    }
}
