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
 * to the embedded journal, or with {@code --persistence postgres} to PostgreSQL and the market_data
 * projection), and with {@code REDIS_URL} set the Redis publisher's write rate. Prints figures;
 * asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the single-node pipeline: sustained ticks/s, tick-to-feature latency, heap per symbol.")
public final class BenchCommand implements Callable<Integer> {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);
    /** A projection busy writing a batch answers later; the per-second line then shows its last answer. */
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMillis(500);
    private static final Duration FINAL_PROGRESS_TIMEOUT = Duration.ofSeconds(60);
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

    @Option(names = "--persistence", defaultValue = "h2",
            description = "h2: the embedded journal; postgres: journal and the market_data projection in a fresh database "
                    + "at_bench_<random> on --pg-url's server, then a catch-up of the projection and a raw write "
                    + "measurement (default ${DEFAULT-VALUE})")
    Persistence persistence;

    @Option(names = "--pg-url", defaultValue = "${env:PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}",
            description = "postgres: a JDBC URL on the server; the bench database is created from its database "
                    + "(default $PG_URL, else jdbc:postgresql://127.0.0.1:5432/postgres). The password is taken from $PG_PASSWORD only.")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "${env:PG_USER:-postgres}",
            description = "postgres: a user allowed to create databases (default $PG_USER, else postgres)")
    String pgUser;

    @Option(names = "--keep", description = "postgres: keep the bench database instead of dropping it at the end")
    boolean keep;

    @Option(names = "--raw-rows", defaultValue = "500000",
            description = "postgres: rows for the raw market_data write measurement (default ${DEFAULT-VALUE})")
    int rawRows;

    @Option(names = "--catch-up-seed", defaultValue = "300000",
            description = "postgres: synthetic bar events appended to the journal before the catch-up, which the load "
                    + "alone would leave too short to time (default ${DEFAULT-VALUE})")
    int catchUpSeed;

    @Option(names = "--catch-up-timeout", defaultValue = "10m", converter = Durations.class,
            description = "postgres: the catch-up of the projection must be done within this (default ${DEFAULT-VALUE})")
    Duration catchUpTimeout;

    enum Persistence { h2, postgres }

    /** What the load phase measured. */
    private record Load(double ticksPerSecond, long barsClosed, Histogram latency, double heapPerSymbol,
                        PostgresBench.Progress projectionFrom, PostgresBench.Progress projectionTo,
                        SinkStatus redisFrom, SinkStatus redisTo) {
    }

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
        Config bench = ConfigFactory.parseResources("bench.conf")
                .withValue("actortrading.clock.speed", ConfigValueFactory.fromAnyRef(speed))
                .withValue("actortrading.feeds.synthetic.ticks-per-second", ConfigValueFactory.fromAnyRef(rate))
                .withValue("actortrading.feeds.synthetic.symbols", ConfigValueFactory.fromIterable(names))
                .withValue("pekko-persistence-jdbc.shared-databases.default.db.url", ConfigValueFactory.fromAnyRef(
                        "jdbc:h2:file:" + workDir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false"))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(workDir.resolve("ddata").toAbsolutePath().toString()));
        if (persistence == Persistence.h2) {
            Load load = load(NodeLauncher.configure(bench), false);
            printLoad(load);
            System.out.printf(Locale.ROOT, "RESULT ticks_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f symbols=%d heap_per_symbol_kib=%.1f%n",
                    load.ticksPerSecond(), micros(load.latency(), 50), micros(load.latency(), 99),
                    micros(load.latency(), 99.9), symbols, load.heapPerSymbol() / BYTES_PER_KIB);
            return 0;
        }
        String password = System.getenv().getOrDefault("PG_PASSWORD", "");
        try (BenchDatabase db = BenchDatabase.create(pgUrl, pgUser, password, keep)) {
            PostgresBench pg = new PostgresBench(db, pgUser, password);
            System.out.printf(Locale.ROOT, "bench: PostgreSQL database %s (%s at the end)%n", db.describe(),
                    keep ? "kept" : "dropped");
            Config config = NodeLauncher.configure(pg.configure(bench));
            Load load = load(config, true);
            printLoad(load);
            PostgresBench.BarEvents bars = pg.barEvents();
            PostgresBench.Progress from = load.projectionFrom();
            PostgresBench.Progress to = load.projectionTo();
            double seconds = duration.toNanos() / 1e9;
            double projectedPerSecond = (to.rows() - from.rows()) / seconds;
            System.out.printf(Locale.ROOT, "bench: %,d bar events persisted in PostgreSQL; projection wrote %,d rows "
                            + "(%,.0f rows/s while measuring, %,d batches), lag at the end %s; market_data holds %,d rows%n",
                    bars.count(), to.rows(), projectedPerSecond, to.batches(), lag(to), pg.marketDataRows());

            double seedSeconds = pg.seed(config, catchUpSeed);
            PostgresBench.BarEvents journal = pg.barEvents();
            System.out.printf(Locale.ROOT, "bench: %,d synthetic bar events appended to the journal in %.2fs; "
                    + "it holds %,d bar events%n", catchUpSeed, seedSeconds, journal.count());
            Config catchUpConfig = config.withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                    ConfigValueFactory.fromAnyRef(workDir.resolve("ddata-catch-up").toAbsolutePath().toString()));
            PostgresBench.CatchUp catchUp = pg.catchUp(catchUpConfig, journal.newest(), catchUpTimeout);
            System.out.printf(Locale.ROOT, "bench: catch-up from offset 0: %,d events -> %,d rows in %,d batches, "
                            + "%.2fs from the first batch to the last: %,.0f rows/s%n",
                    catchUp.events(), catchUp.rows(), catchUp.batches(), catchUp.seconds(), catchUp.rowsPerSecond());

            PostgresBench.RawWrite raw = pg.rawWrite(config, rawRows);
            System.out.printf(Locale.ROOT, "bench: raw MarketDataTable.write: %,d rows in batches of %,d in %.2fs: "
                    + "%,.0f rows/s%n", raw.rows(), raw.batchSize(), raw.seconds(), raw.rowsPerSecond());
            System.out.printf(Locale.ROOT, "RESULT persistence=postgres ticks_per_s=%.0f bars_persisted=%d "
                            + "projected_rows=%d projection_rows_per_s=%.0f lag_ms=%d seeded_events=%d catch_up_events=%d catch_up_rows=%d "
                            + "catch_up_rows_per_s=%.0f raw_write_rows=%d raw_write_rows_per_s=%.0f symbols=%d%n",
                    load.ticksPerSecond(), bars.count(), to.rows(), projectedPerSecond, to.lagMillis(), catchUpSeed, catchUp.events(),
                    catchUp.rows(), catchUp.rowsPerSecond(), raw.rows(), raw.rowsPerSecond(), symbols);
            return 0;
        }
    }

    /** Runs the node under the synthetic load: warm-up, then the measured time, one line a second. */
    private Load load(Config config, boolean projection) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = settledHeap(memory);
        MarketClock clock = MarketClock.fromConfig(config.getConfig("actortrading.clock"));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(config, new NodeGuardian.Options(clock, false, true, true,
                Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        IngestMetrics metrics = IngestMetrics.get(system);
        try {
            System.out.printf(Locale.ROOT, "bench: %d symbols, offered %,.0f ticks/s, warm-up %ss, measuring %ss, %s%n",
                    symbols, rate, warmup.toSeconds(), duration.toSeconds(),
                    projection ? "PostgreSQL journal and market_data projection" : "embedded H2 journal");
            long start = System.nanoTime();
            long warmEnd = start + warmup.toNanos();
            long end = warmEnd + duration.toNanos();
            long lastApplied = 0;
            long lastNanos = start;
            long measuredFromApplied = -1;
            long measuredFromBars = 0;
            PostgresBench.Progress projectionFrom = null;
            PostgresBench.Progress projected = null;
            SinkStatus redisFrom = null;
            Histogram latency = new Histogram(3);
            while (System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(REPORT_EVERY.toMillis());
                long now = System.nanoTime();
                long applied = metrics.applied();
                Histogram interval = metrics.latency().getIntervalHistogram();
                if (projection) {
                    projected = PostgresBench.progress(system, PROGRESS_TIMEOUT).orElse(projected);
                }
                boolean measuring = now >= warmEnd;
                if (measuring && measuredFromApplied < 0) {
                    measuredFromApplied = applied;
                    measuredFromBars = metrics.barsClosed();
                    projectionFrom = projection && projected == null
                            ? PostgresBench.progressWithin(system, FINAL_PROGRESS_TIMEOUT) : projected;
                    redisFrom = redis(system);
                } else if (measuring) {
                    latency.add(interval);
                }
                System.out.printf(Locale.ROOT, "bench %s %3ds: %,12.0f ticks/s  p99=%,.0fus  bars_closed=%,d%s%n",
                        measuring ? "measure" : "warm-up", TimeUnit.NANOSECONDS.toSeconds(now - start),
                        (applied - lastApplied) * 1e9 / (now - lastNanos),
                        interval.getValueAtPercentile(99) / NANOS_PER_MICRO, metrics.barsClosed(),
                        projected == null ? (projection ? "  projected=?" : "") : String.format(Locale.ROOT, "  projected=%,d rows  lag=%s",
                                projected.rows(), lag(projected)));
                lastApplied = applied;
                lastNanos = now;
            }
            if (projection) {
                projected = PostgresBench.progressWithin(system, FINAL_PROGRESS_TIMEOUT);
            }
            double seconds = duration.toNanos() / 1e9;
            double ticksPerSecond = (metrics.applied() - Math.max(0, measuredFromApplied)) / seconds;
            long barsClosed = metrics.barsClosed() - measuredFromBars;
            long heapAfter = settledHeap(memory);
            double heapPerSymbol = Math.max(0, heapAfter - heapBefore) / (double) symbols;
            return new Load(ticksPerSecond, barsClosed, latency, heapPerSymbol, projectionFrom, projected,
                    redisFrom, redis(system));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private void printLoad(Load load) {
        Histogram latency = load.latency();
        System.out.printf(Locale.ROOT,
                "bench: sustained %,.0f ticks/s over %.0fs; latency (feed sink -> applied by the symbol) p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus; %,d bars closed and persisted; %.1f KiB heap per symbol (%d symbols)%n",
                load.ticksPerSecond(), duration.toNanos() / 1e9, micros(latency, 50), micros(latency, 99),
                micros(latency, 99.9), latency.getMaxValue() / NANOS_PER_MICRO, load.barsClosed(),
                load.heapPerSymbol() / BYTES_PER_KIB, symbols);
        SinkStatus from = load.redisFrom();
        SinkStatus to = load.redisTo();
        if (from != null && to != null) {
            double seconds = duration.toNanos() / 1e9;
            System.out.printf(Locale.ROOT,
                    "bench: redis publish %,.0f items/s written (trades and 1m bars), %,d dropped over %.0fs; buffer %,d of %,d; %s%n",
                    (to.written() - from.written()) / seconds, to.dropped() - from.dropped(), seconds, to.buffered(),
                    to.capacity(), to.connected() ? "connected" : "disconnected");
        }
    }

    /** The Redis publisher's status when {@code actortrading.redis.url} (REDIS_URL) is set, else null. */
    private static SinkStatus redis(ActorSystem<?> system) {
        return NodeMetrics.get(system).sinks().get(RedisPublisher.SINK);
    }

    private static double micros(Histogram latency, double percentile) {
        return latency.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }

    private static String lag(PostgresBench.Progress progress) {
        if (progress.failing()) {
            return "failing";
        }
        return progress.lagMillis() < 0 ? "unknown" : String.format(Locale.ROOT, "%.1fs", progress.lagMillis() / 1e3);
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
