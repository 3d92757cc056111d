package io.actortrading.node.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.node.NodeGuardian;
import io.actortrading.node.NodeLauncher;
import io.actortrading.node.NodeServices;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.persistence.PersistenceProfile;
import io.actortrading.node.projection.MarketDataProjection;
import io.actortrading.node.projection.MarketDataTable;
import io.actortrading.node.projection.ProjectionSettings;
import io.actortrading.node.symbol.SymbolActor;
import io.actortrading.node.symbol.SymbolSettings;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL parts of {@code bench --persistence postgres}: the node's configuration on the bench
 * database, the market_data projection's progress while the load runs, a catch-up of the projection
 * over the whole journal from offset 0, and {@link MarketDataTable#write} alone.
 */
final class PostgresBench {

    /** What the projection had done at one moment. */
    record Progress(long offset, long events, long rows, long batches, long lagMillis, boolean failing) {
    }

    /** @param rowsPerSecond rows over the time from the projection's first batch to its last */
    record CatchUp(long events, long rows, long batches, double seconds, double rowsPerSecond) {
    }

    record RawWrite(long rows, int batchSize, double seconds, double rowsPerSecond) {
    }

    private static final Duration ASK = Duration.ofSeconds(5);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(20);
    /** Raw-write rows are 1-minute bars of this many symbols, minute after minute. */
    private static final int RAW_SYMBOLS = 1000;
    private static final long MINUTE_MILLIS = Timeframe.M1.nominal().toMillis();
    /** 2026-03-02T00:00Z, the bench clock's start. */
    private static final long RAW_FROM = 1_772_409_600_000L;
    private static final double BASE_PRICE = 100.0;
    private static final String RAW_PROJECTION = "bench-raw-write";

    private final BenchDatabase db;
    private final String user;
    private final String password;

    PostgresBench(BenchDatabase db, String user, String password) {
        this.db = db;
        this.user = user;
        this.password = password;
    }

    /** The bench's configuration with the postgres profile on the bench database. */
    Config configure(Config config) {
        return config.withValue("actortrading.persistence.profile", ConfigValueFactory.fromAnyRef("postgres"))
                .withValue("actortrading.persistence.postgres.url", ConfigValueFactory.fromAnyRef(db.url()))
                .withValue("actortrading.persistence.postgres.user", ConfigValueFactory.fromAnyRef(user))
                .withValue("actortrading.persistence.postgres.password", ConfigValueFactory.fromAnyRef(password));
    }

    /**
     * The running node's projection, asked from the bench's thread (a few times a second, never per
     * tick); empty when it did not answer in time (the singleton is starting, the node is saturated).
     */
    static Optional<Progress> progress(ActorSystem<?> system, Duration timeout) {
        ActorRef<MarketDataProjection.Command> projection = NodeServices.get(system).started().toCompletableFuture()
                .join().marketDataProjection().orElseThrow(() -> new IllegalStateException(
                        "the node runs no market_data projection (actortrading.projection.market-data.enabled?)"));
        try {
            MarketDataProjection.ProjectionStatus status = AskPattern.<MarketDataProjection.Command,
                            MarketDataProjection.ProjectionStatus>ask(projection, MarketDataProjection.GetStatus::new,
                            timeout, system.scheduler())
                    .toCompletableFuture().join();
            return Optional.of(new Progress(status.offset(), status.eventsProjected(), status.rowsWritten(),
                    status.batches(), status.lagMillis(), status.failing()));
        } catch (CompletionException e) {
            return Optional.empty();
        }
    }

    /** The projection's progress, asked until it answers within {@code timeout}. */
    static Progress progressWithin(ActorSystem<?> system, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Progress> progress = progress(system, ASK);
        while (progress.isEmpty() && System.nanoTime() < deadline) {
            progress = progress(system, ASK);
        }
        return progress.orElseThrow(() -> new IllegalStateException(
                "the market_data projection did not answer within " + timeout.toSeconds() + "s"));
    }

    /** How many events the journal holds tagged as bars, and the newest one's ordering. */
    record BarEvents(long count, long newest) {
    }

    BarEvents barEvents() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(max(event_id), 0) FROM event_tag WHERE tag = 'bar'")) {
            rs.next();
            return new BarEvents(rs.getLong(1), rs.getLong(2));
        }
    }

    long marketDataRows() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM market_data")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Empties market_data and the projection's offset, starts a node without feeds, and times its
     * projection over the whole journal until it has written through {@code newest}.
     */
    CatchUp catchUp(Config config, long newest, Duration timeout) throws SQLException, InterruptedException {
        truncate();
        Config node = config.withValue("actortrading.feeds.synthetic.enabled", ConfigValueFactory.fromAnyRef(false));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(node, new NodeGuardian.Options(
                MarketClock.fromConfig(node.getConfig("actortrading.clock")), false, true, false,
                Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Progress first = null;
            long firstAt = 0;
            Progress progress = progressWithin(system, timeout);
            while (progress.offset() < newest && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(CATCH_UP_POLL.toMillis());
                progress = progressWithin(system, timeout);
                if (first == null && progress.batches() > 0) {
                    first = progress;
                    firstAt = System.nanoTime();
                }
            }
            if (progress.offset() < newest || first == null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the catch-up projection reached offset %d of %d within %ss", progress.offset(), newest,
                        timeout.toSeconds()));
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            double rate = seconds > 0 ? (progress.rows() - first.rows()) / seconds : Double.NaN;
            return new CatchUp(progress.events(), progress.rows(), progress.batches(), seconds, rate);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /** {@code rows} one-minute bars written with {@link MarketDataTable#write} in batches, nothing else running. */
    RawWrite rawWrite(Config config, int rows) throws SQLException {
        truncate();
        PersistenceProfile.PostgresSettings pg = PersistenceProfile.fromConfig(config).postgres();
        int batchSize = ProjectionSettings.fromConfig(config).batchSize();
        List<Timeframe> timeframes = SymbolSettings.fromConfig(config.getConfig("actortrading.symbol")).timeframes();
        List<List<EventEnvelope>> batches = new ArrayList<>();
        List<EventEnvelope> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < rows; i++) {
            String symbol = String.format(Locale.ROOT, "R%04d-USD", i % RAW_SYMBOLS);
            long start = RAW_FROM + (i / RAW_SYMBOLS) * MINUTE_MILLIS;
            double price = BASE_PRICE + (i % RAW_SYMBOLS);
            Bar bar = new Bar(symbol, Timeframe.M1, start, start + MINUTE_MILLIS, price, price + 1, price - 1, price,
                    i, price, 1, "synthetic");
            batch.add(new EventEnvelope(Offset.sequence(i + 1L), symbol, 1, new SymbolActor.BarClosed(bar), start));
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        long written = 0;
        long started = System.nanoTime();
        try (MarketDataTable table = new MarketDataTable(pg, RAW_PROJECTION, timeframes)) {
            for (List<EventEnvelope> each : batches) {
                written += table.write(each).rows();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RawWrite(written, batchSize, seconds, written / seconds);
    }

    private void truncate() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE market_data, projection_offset");
        }
    }
}
