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
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
    private static final Duration FINAL_ASK = Duration.ofSeconds(60);
    private static final String OFFSET = "SELECT coalesce((SELECT last_offset FROM projection_offset WHERE projection = ?), 0)";
    /** Rows and offset in one snapshot, so they belong together (a batch commits both at once). */
    private static final String OFFSET_AND_ROWS = """
            SELECT coalesce((SELECT last_offset FROM projection_offset WHERE projection = ?), 0),
                   (SELECT count(*) FROM market_data)
            """;
    /** Raw-write rows are 1-minute bars of this many symbols, minute after minute. */
    private static final int RAW_SYMBOLS = 1000;
    private static final long MINUTE_MILLIS = Timeframe.M1.nominal().toMillis();
    /** 2026-03-02T00:00Z, the bench clock's start. */
    private static final long RAW_FROM = 1_772_409_600_000L;
    private static final double BASE_PRICE = 100.0;
    private static final String RAW_PROJECTION = "bench-raw-write";
    private static final String SEED_PERSISTENCE_ID = "bench-seed|";
    private static final int SEED_BATCH = 10_000;
    /**
     * Rows as the JDBC journal writes them: its read side takes an empty adapter_manifest for "no
     * adapter" and fails on NULL (the projection's stream then restarts for ever without a row).
     */
    private static final String SEED = """
            WITH journaled AS (
                INSERT INTO event_journal (persistence_id, sequence_number, writer, write_timestamp, adapter_manifest,
                                           event_ser_id, event_ser_manifest, event_payload)
                SELECT p, s, 'bench', ?, '', ?, ?, e FROM unnest(?::text[], ?::bigint[], ?::bytea[]) AS r(p, s, e)
                RETURNING ordering)
            INSERT INTO event_tag (event_id, tag) SELECT ordering, ? FROM journaled
            """;

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
     * projection over the whole journal until it has written through {@code newest}. Progress is read
     * from projection_offset, not asked of the projection, so the watching costs it nothing.
     */
    CatchUp catchUp(Config config, long newest, Duration timeout) throws SQLException, InterruptedException {
        truncate();
        String name = ProjectionSettings.fromConfig(config).name();
        Config node = config.withValue("actortrading.feeds.synthetic.enabled", ConfigValueFactory.fromAnyRef(false));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(node, new NodeGuardian.Options(
                MarketClock.fromConfig(node.getConfig("actortrading.clock")), false, true, false,
                Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        try (Connection c = db.connect(); PreparedStatement offset = c.prepareStatement(OFFSET);
             PreparedStatement offsetAndRows = c.prepareStatement(OFFSET_AND_ROWS)) {
            offset.setString(1, name);
            offsetAndRows.setString(1, name);
            long deadline = System.nanoTime() + timeout.toNanos();
            long[] first = {0, 0};
            while (first[0] == 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(CATCH_UP_POLL.toMillis());
                first = read(offsetAndRows);
            }
            long firstAt = System.nanoTime();
            long reached = first[0];
            while (reached < newest && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(CATCH_UP_POLL.toMillis());
                reached = read(offset)[0];
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            if (reached < newest) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the catch-up projection reached offset %d of %d within %ss", reached, newest, timeout.toSeconds()));
            }
            long[] last = read(offsetAndRows);
            Progress done = progressWithin(system, FINAL_ASK);
            return new CatchUp(done.events(), last[1], done.batches(), seconds, (last[1] - first[1]) / seconds);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static long[] read(PreparedStatement watch) throws SQLException {
        try (ResultSet rs = watch.executeQuery()) {
            rs.next();
            long[] values = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return values;
        }
    }

    /** {@code rows} one-minute bars written with {@link MarketDataTable#write} in batches, nothing else running. */
    RawWrite rawWrite(Config config, int rows) throws SQLException {
        truncate();
        PersistenceProfile.PostgresSettings pg = PersistenceProfile.fromConfig(config).postgres();
        ProjectionSettings projection = ProjectionSettings.fromConfig(config);
        int batchSize = projection.batchSize();
        List<Timeframe> timeframes = SymbolSettings.fromConfig(config.getConfig("actortrading.symbol")).timeframes();
        List<List<EventEnvelope>> batches = new ArrayList<>();
        List<EventEnvelope> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < rows; i++) {
            Bar bar = rawBar(i);
            batch.add(new EventEnvelope(Offset.sequence(i + 1L), bar.symbol(), 1, new SymbolActor.BarClosed(bar),
                    bar.start()));
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
        try (MarketDataTable table = new MarketDataTable(pg, RAW_PROJECTION, timeframes, projection.synchronousCommit())) {
            for (List<EventEnvelope> each : batches) {
                written += table.write(each).rows();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RawWrite(written, batchSize, seconds, written / seconds);
    }

    /**
     * Appends {@code events} closed 1-minute bars to the journal as the journal itself stores them (the
     * node's serializer, tag {@code bar}), so the catch-up has a journal of a size worth timing; the
     * load phase alone persists far fewer bars. Their persistence ids are the bench's own.
     *
     * @return seconds the inserts took
     */
    double seed(Config config, int events) throws SQLException {
        ActorSystem<Void> serializing = ActorSystem.create(Behaviors.empty(), "bench-seed",
                config.withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("local")));
        try {
            return seed(SerializationExtension.get(Adapter.toClassic(serializing)), events);
        } finally {
            serializing.terminate();
            serializing.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private double seed(Serialization serialization, int events) throws SQLException {
        long now = System.currentTimeMillis();
        long started = System.nanoTime();
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(SEED)) {
            c.setAutoCommit(false);
            for (int from = 0; from < events; from += SEED_BATCH) {
                int n = Math.min(SEED_BATCH, events - from);
                String[] ids = new String[n];
                Long[] sequenceNumbers = new Long[n];
                byte[][] payloads = new byte[n][];
                Serializer serializer = null;
                String manifest = null;
                for (int i = 0; i < n; i++) {
                    int k = from + i;
                    SymbolActor.BarClosed event = new SymbolActor.BarClosed(rawBar(k));
                    serializer = serialization.findSerializerFor(event);
                    manifest = Serializers.manifestFor(serializer, event);
                    ids[i] = SEED_PERSISTENCE_ID + event.bar().symbol();
                    sequenceNumbers[i] = (long) (k / RAW_SYMBOLS) + 1;
                    payloads[i] = serializer.toBinary(event);
                }
                insert.setLong(1, now);
                insert.setInt(2, serializer.identifier());
                insert.setString(3, manifest);
                insert.setArray(4, c.createArrayOf("text", ids));
                insert.setArray(5, c.createArrayOf("bigint", sequenceNumbers));
                insert.setArray(6, c.createArrayOf("bytea", payloads));
                insert.setString(7, SymbolActor.BAR_TAG);
                insert.executeUpdate();
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement analyze = c.createStatement()) {
                // A journal grows a little at a time and autovacuum keeps its statistics; one that grew
                // by a bulk insert a moment ago needs them now, or the read journal's query plans a sort
                // of the whole journal for every page it reads.
                analyze.execute("ANALYZE event_journal, event_tag");
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The k-th of the synthetic bars: {@link #RAW_SYMBOLS} symbols, minute after minute. */
    private static Bar rawBar(int k) {
        String symbol = String.format(Locale.ROOT, "R%04d-USD", k % RAW_SYMBOLS);
        long start = RAW_FROM + (long) (k / RAW_SYMBOLS) * MINUTE_MILLIS;
        double price = BASE_PRICE + (k % RAW_SYMBOLS);
        return new Bar(symbol, Timeframe.M1, start, start + MINUTE_MILLIS, price, price + 1, price - 1, price, k, price,
                1, "synthetic");
    }

    private void truncate() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE market_data, projection_offset");
        }
    }
}
