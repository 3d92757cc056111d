package io.actortrading.node.projection;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.BarSink;
import io.actortrading.market.candles.CandleAggregator;
import io.actortrading.market.candles.CandleSettings;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.node.persistence.PersistenceProfile;
import io.actortrading.node.persistence.PostgresConnection;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Sequence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code market_data} table and this projection's row in {@code projection_offset}, written in one
 * transaction per batch of journal events: a batch is either entirely in the table with its offset, or
 * not at all, so a restart resumes exactly after the last committed event (no row lost, none twice).
 *
 * <p>Not thread-safe; one projection owns one instance and calls it from one blocking thread at a time.
 * A failed call closes the connection; the next call opens a new one ({@link PostgresConnection}).
 */
public final class MarketDataTable implements AutoCloseable {

    /** Rows of a batch go in as arrays, one statement per batch: far fewer round trips than one per row. */
    private static final String UPSERT = """
            INSERT INTO market_data AS m (symbol, timeframe, start, open, high, low, close, volume, vwap, trades, source)
            SELECT s, tf, timestamptz 'epoch' + st * interval '1 millisecond', o, h, l, c, v, w, n, src
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                        ?::float8[], ?::float8[], ?::bigint[], ?::text[]) AS r(s, tf, st, o, h, l, c, v, w, n, src)
            ON CONFLICT (symbol, timeframe, start) DO UPDATE SET
                open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
                volume = EXCLUDED.volume, vwap = EXCLUDED.vwap, trades = EXCLUDED.trades, source = EXCLUDED.source,
                inserted_at = now()
            WHERE (m.open, m.high, m.low, m.close, m.volume, m.vwap, m.trades, m.source)
                IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume,
                                  EXCLUDED.vwap, EXCLUDED.trades, EXCLUDED.source)
            """;
    private static final String SAVE_OFFSET = """
            INSERT INTO projection_offset (projection, last_offset, updated_at) VALUES (?, ?, now())
            ON CONFLICT (projection) DO UPDATE SET last_offset = EXCLUDED.last_offset, updated_at = now()
            """;
    private static final String LOAD_OFFSET = "SELECT last_offset FROM projection_offset WHERE projection = ?";
    private static final String MINUTES = """
            SELECT (extract(epoch FROM start) * 1000)::bigint, open, high, low, close, volume, vwap, trades, source
            FROM market_data WHERE symbol = ? AND timeframe = '1m'
              AND start >= timestamptz 'epoch' + ? * interval '1 millisecond'
              AND start < timestamptz 'epoch' + ? * interval '1 millisecond'
            ORDER BY start
            """;
    private static final String DROP_MINUTES = """
            DELETE FROM market_data WHERE symbol = ? AND timeframe = '1m'
              AND start >= timestamptz 'epoch' + ? * interval '1 millisecond'
              AND start < timestamptz 'epoch' + ? * interval '1 millisecond'
              AND NOT (start = ANY (SELECT timestamptz 'epoch' + x * interval '1 millisecond' FROM unnest(?::bigint[]) x))
            """;
    private static final String FIRST_UNPROJECTED = """
            SELECT j.write_timestamp FROM event_journal j JOIN event_tag t ON t.event_id = j.ordering
            WHERE t.tag = ? AND j.ordering > ? ORDER BY j.ordering LIMIT 1
            """;
    /**
     * A daily bucket is at most 25 hours long (a DST switch day); folding from this far before a merged
     * minute re-creates every higher bucket that contains it from its first minute.
     */
    private static final long FOLD_LOOKBACK_MILLIS = Duration.ofHours(26).toMillis();
    private static final long MINUTE_MILLIS = Timeframe.M1.nominal().toMillis();

    private final String projection;
    private final List<Timeframe> timeframes;
    private final PostgresConnection connection;

    /** @param timeframes the timeframes symbols build (1m first); higher ones are re-folded after a merge */
    public MarketDataTable(PersistenceProfile.PostgresSettings pg, String projection, List<Timeframe> timeframes) {
        this(pg, projection, timeframes, true);
    }

    /**
     * @param synchronousCommit false: commits do not wait for the disk; safe here, since a batch and its
     *                          offset are lost together and projected again ({@link PostgresConnection})
     */
    public MarketDataTable(PersistenceProfile.PostgresSettings pg, String projection, List<Timeframe> timeframes,
                           boolean synchronousCommit) {
        this.connection = new PostgresConnection(pg, false, synchronousCommit);
        this.projection = projection;
        this.timeframes = List.copyOf(timeframes);
    }

    /** The ordering of the last event projected, 0 before the first. */
    public long loadOffset() throws SQLException {
        return connection.use(c -> {
            try (PreparedStatement select = c.prepareStatement(LOAD_OFFSET)) {
                select.setString(1, projection);
                try (ResultSet rs = select.executeQuery()) {
                    long offset = rs.next() ? rs.getLong(1) : 0L;
                    c.commit();
                    return offset;
                }
            }
        });
    }

    /** What one committed batch did. */
    public record Written(long offset, int events, int rows, long newestEventMillis) {
    }

    /**
     * Writes the rows of {@code batch} (journal order) and its last offset in one transaction. A closed
     * bar is upserted as it is; a merged backfill replaces its window's minutes and re-folds every
     * higher bar it touched from the table's minutes, as the symbol actor did.
     */
    public Written write(List<EventEnvelope> batch) throws SQLException {
        return connection.use(c -> {
            Map<BarKey, Bar> pending = new LinkedHashMap<>();
            int rows = 0;
            long offset = 0;
            long newest = 0;
            for (EventEnvelope envelope : batch) {
                offset = Math.max(offset, ((Sequence) envelope.offset()).value());
                newest = Math.max(newest, envelope.timestamp());
                Object event = envelope.event();
                if (event instanceof SymbolActor.BarClosed closed) {
                    pending.put(BarKey.of(closed.bar()), closed.bar());
                } else if (event instanceof SymbolActor.GapFilled filled) {
                    rows += upsert(c, pending.values());
                    pending.clear();
                    rows += merge(c, filled);
                }
            }
            rows += upsert(c, pending.values());
            try (PreparedStatement save = c.prepareStatement(SAVE_OFFSET)) {
                save.setString(1, projection);
                save.setLong(2, offset);
                save.executeUpdate();
            }
            c.commit();
            return new Written(offset, batch.size(), rows, newest);
        });
    }

    /**
     * Milliseconds since the oldest event with {@code tag} after {@code offset} was journaled, or empty
     * when the projection has seen every such event.
     */
    OptionalLong lagMillis(String tag, long offset, long nowMillis) throws SQLException {
        return connection.use(c -> {
            try (PreparedStatement select = c.prepareStatement(FIRST_UNPROJECTED)) {
                select.setString(1, tag);
                select.setLong(2, offset);
                try (ResultSet rs = select.executeQuery()) {
                    OptionalLong lag = rs.next() ? OptionalLong.of(Math.max(0, nowMillis - rs.getLong(1)))
                            : OptionalLong.empty();
                    c.commit();
                    return lag;
                }
            }
        });
    }

    private int merge(Connection c, SymbolActor.GapFilled filled) throws SQLException {
        List<Bar> minutes = filled.minutes();
        if (minutes.isEmpty()) {
            return 0;
        }
        String symbol = minutes.get(0).symbol();
        long[] starts = new long[minutes.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = minutes.get(i).start();
        }
        // The symbol rebuilt from its checkpoint: minutes up to the checkpoint's last one stayed as they
        // were (a window may start at that minute, the boundary a restart recovered), so they stay here too.
        long dropFrom = filled.checkpointLastMinute() == Long.MIN_VALUE ? filled.fromMillis()
                : Math.max(filled.fromMillis(), filled.checkpointLastMinute() + MINUTE_MILLIS);
        try (PreparedStatement drop = c.prepareStatement(DROP_MINUTES)) {
            drop.setString(1, symbol);
            drop.setLong(2, dropFrom);
            drop.setLong(3, filled.toMillis());
            drop.setArray(4, c.createArrayOf("bigint", boxed(starts)));
            drop.executeUpdate();
        }
        int rows = upsert(c, minutes);
        long firstAffected = Math.min(filled.fromMillis(), minutes.get(0).start());
        rows += upsert(c, refold(c, symbol, firstAffected, filled.closedThrough()));
        return rows;
    }

    /** The higher bars ending in (firstAffected, closedThrough], folded from the table's minutes. */
    private List<Bar> refold(Connection c, String symbol, long firstAffected, long closedThrough) throws SQLException {
        if (timeframes.size() < 2) {
            return List.of();
        }
        CandleAggregator aggregator = new CandleAggregator(Instrument.infer(symbol),
                CandleSettings.defaults().withTimeframes(timeframes).withGraceMillis(0));
        List<Bar> higher = new ArrayList<>();
        BarSink keep = bar -> {
            if (bar.timeframe() != Timeframe.M1 && bar.end() > firstAffected && bar.end() <= closedThrough) {
                higher.add(bar);
            }
        };
        try (PreparedStatement select = c.prepareStatement(MINUTES)) {
            select.setString(1, symbol);
            select.setLong(2, firstAffected - FOLD_LOOKBACK_MILLIS);
            select.setLong(3, closedThrough);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getLong(1);
                    aggregator.onBar(new Bar(symbol, Timeframe.M1, start, start + MINUTE_MILLIS, rs.getDouble(2),
                            rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                            rs.getLong(8), rs.getString(9)), keep);
                }
            }
        }
        aggregator.advanceTo(closedThrough, keep);
        return higher;
    }

    private int upsert(Connection c, Collection<Bar> bars) throws SQLException {
        int n = bars.size();
        if (n == 0) {
            return 0;
        }
        String[] symbols = new String[n];
        String[] frames = new String[n];
        Long[] starts = new Long[n];
        Double[] open = new Double[n];
        Double[] high = new Double[n];
        Double[] low = new Double[n];
        Double[] close = new Double[n];
        Double[] volume = new Double[n];
        Double[] vwap = new Double[n];
        Long[] trades = new Long[n];
        String[] sources = new String[n];
        int i = 0;
        for (Bar bar : bars) {
            symbols[i] = bar.symbol();
            frames[i] = bar.timeframe().label();
            starts[i] = bar.start();
            open[i] = bar.open();
            high[i] = bar.high();
            low[i] = bar.low();
            close[i] = bar.close();
            volume[i] = bar.volume();
            vwap[i] = bar.vwap();
            trades[i] = bar.trades();
            sources[i] = bar.source();
            i++;
        }
        try (PreparedStatement insert = c.prepareStatement(UPSERT)) {
            Array[] arrays = {c.createArrayOf("text", symbols), c.createArrayOf("text", frames),
                    c.createArrayOf("bigint", starts), c.createArrayOf("float8", open), c.createArrayOf("float8", high),
                    c.createArrayOf("float8", low), c.createArrayOf("float8", close), c.createArrayOf("float8", volume),
                    c.createArrayOf("float8", vwap), c.createArrayOf("bigint", trades), c.createArrayOf("text", sources)};
            for (int p = 0; p < arrays.length; p++) {
                insert.setArray(p + 1, arrays[p]);
            }
            insert.executeUpdate();
        }
        return n;
    }

    private static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A row's primary key: within one batch the last event for a bar wins. */
    private record BarKey(String symbol, Timeframe timeframe, long start) {
        static BarKey of(Bar bar) {
            return new BarKey(Objects.requireNonNull(bar.symbol()), bar.timeframe(), bar.start());
        }
    }
}
