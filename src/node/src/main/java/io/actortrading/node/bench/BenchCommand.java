package io.actortrading.node.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.node.Durations;
import io.actortrading.node.NodeGuardian;
import io.actortrading.node.NodeLauncher;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.metrics.SinkStatus;
import io.actortrading.node.redis.RedisPublisher;
import io.actortrading.node.symbol.IngestMetrics;
import io.actortrading.node.symbol.SymbolActor;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code actortrading bench}: synthetic ticks through the whole single-node pipeline (feed, router,
 * sharding, symbol actors with every timeframe, indicator and the feature vector, bar persistence
 * to the embedded journal), and with {@code REDIS_URL} set the Redis publisher's write rate. Prints
 * figures; asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the single-node pipeline: sustained ticks/s, tick-to-feature latency, heap per symbol.")
public final class BenchCommand implements Callable<Integer> {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double BYTES_PER_KIB = 1024.0;
    /** Bench symbols trade around the clock, so no session boundary pauses the load. */
    private static final String SYMBOL_FORMAT = "B%05d-USD";

    @Option(names = "--symbols", defaultValue = "1000", description = "Number of symbols (default ${DEFAULT-VALUE})")
    int symbols;

    @Option(names = "--duration", defaultValue = "30s", converter = Durations.class,
            description = "Measured time after warm-up (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = Durations.class,
            description = "Warm-up before measuring (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--rate", defaultValue = "1000000", description = "Offered ticks per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--speed", defaultValue = "60",
            description = "Market clock speed: market seconds per wall second, so bars close during the run (default ${DEFAULT-VALUE})")
    double speed;

    @Override
    public Integer call() throws Exception {
        Path workDir = Files.createTempDirectory("actortrading-bench");
        try {
            return run(workDir);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private int run(Path workDir) throws Exception {
        List<String> names = new ArrayList<>(symbols);
        for (int i = 0; i < symbols; i++) {
            names.add(String.format(Locale.ROOT, SYMBOL_FORMAT, i));
        }
        Config config = NodeLauncher.configure(ConfigFactory.parseResources("bench.conf")
                .withValue("actortrading.clock.speed", ConfigValueFactory.fromAnyRef(speed))
                .withValue("actortrading.feeds.synthetic.ticks-per-second", ConfigValueFactory.fromAnyRef(rate))
                .withValue("actortrading.feeds.synthetic.symbols", ConfigValueFactory.fromIterable(names))
                .withValue("pekko-persistence-jdbc.shared-databases.default.db.url", ConfigValueFactory.fromAnyRef(
                        "jdbc:h2:file:" + workDir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false"))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(workDir.resolve("ddata").toAbsolutePath().toString())));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = settledHeap(memory);
        MarketClock clock = MarketClock.fromConfig(config.getConfig("actortrading.clock"));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(config, new NodeGuardian.Options(clock, false, true, true,
                Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        IngestMetrics metrics = IngestMetrics.get(system);
        try {
            System.out.printf(Locale.ROOT, "bench: %d symbols, offered %,.0f ticks/s, warm-up %ss, measuring %ss%n",
                    symbols, rate, warmup.toSeconds(), duration.toSeconds());
            long start = System.nanoTime();
            long warmEnd = start + warmup.toNanos();
            long end = warmEnd + duration.toNanos();
            long lastApplied = 0;
            long lastNanos = start;
            long measuredFromApplied = -1;
            long measuredFromBars = 0;
            SinkStatus redisFrom = null;
            Histogram latency = new Histogram(3);
            while (System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(REPORT_EVERY.toMillis());
                long now = System.nanoTime();
                long applied = metrics.applied();
                Histogram interval = metrics.latency().getIntervalHistogram();
                boolean measuring = now >= warmEnd;
                if (measuring && measuredFromApplied < 0) {
                    measuredFromApplied = applied;
                    measuredFromBars = metrics.barsClosed();
                    redisFrom = redis(system);
                } else if (measuring) {
                    latency.add(interval);
                }
                System.out.printf(Locale.ROOT, "bench %s %3ds: %,12.0f ticks/s  p99=%,.0fus  bars_closed=%,d%n",
                        measuring ? "measure" : "warm-up", TimeUnit.NANOSECONDS.toSeconds(now - start),
                        (applied - lastApplied) * 1e9 / (now - lastNanos),
                        interval.getValueAtPercentile(99) / NANOS_PER_MICRO, metrics.barsClosed());
                lastApplied = applied;
                lastNanos = now;
            }
            double seconds = duration.toNanos() / 1e9;
            double ticksPerSecond = (metrics.applied() - Math.max(0, measuredFromApplied)) / seconds;
            long barsClosed = metrics.barsClosed() - measuredFromBars;
            long heapAfter = settledHeap(memory);
            double heapPerSymbol = Math.max(0, heapAfter - heapBefore) / (double) symbols;
            System.out.printf(Locale.ROOT,
                    "bench: sustained %,.0f ticks/s over %.0fs; latency (feed sink -> applied by the symbol) p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus; %,d bars closed and persisted; heap %.1f MiB for %d symbols (%.1f KiB per symbol)%n",
                    ticksPerSecond, seconds, latency.getValueAtPercentile(50) / NANOS_PER_MICRO,
                    latency.getValueAtPercentile(99) / NANOS_PER_MICRO,
                    latency.getValueAtPercentile(99.9) / NANOS_PER_MICRO, latency.getMaxValue() / NANOS_PER_MICRO,
                    barsClosed, heapAfter / BYTES_PER_KIB / BYTES_PER_KIB, symbols, heapPerSymbol / BYTES_PER_KIB);
            System.out.printf(Locale.ROOT, "RESULT ticks_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f symbols=%d heap_per_symbol_kib=%.1f%n",
                    ticksPerSecond, latency.getValueAtPercentile(50) / NANOS_PER_MICRO,
                    latency.getValueAtPercentile(99) / NANOS_PER_MICRO,
                    latency.getValueAtPercentile(99.9) / NANOS_PER_MICRO, symbols, heapPerSymbol / BYTES_PER_KIB);
            SinkStatus redisTo = redis(system);
            if (redisTo != null && redisFrom != null) {
                System.out.printf(Locale.ROOT,
                        "bench: redis publish %,.0f items/s written (trades and 1m bars), %,d dropped over %.0fs; buffer %,d of %,d; %s%n",
                        (redisTo.written() - redisFrom.written()) / seconds, redisTo.dropped() - redisFrom.dropped(),
                        seconds, redisTo.buffered(), redisTo.capacity(), redisTo.connected() ? "connected" : "disconnected");
            }
            return 0;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /** The Redis publisher's status when {@code actortrading.redis.url} (REDIS_URL) is set, else null. */
    private static SinkStatus redis(ActorSystem<?> system) {
        return NodeMetrics.get(system).sinks().get(RedisPublisher.SINK);
    }

    /** Heap in use after collections have had their say: the nearest the JVM gets to "live data". */
    private static long settledHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
