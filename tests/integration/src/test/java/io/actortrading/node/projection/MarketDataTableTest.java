package io.actortrading.node.projection;

import io.actortrading.integration.TestPostgres;
import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.node.persistence.JournalSchema;
import io.actortrading.node.persistence.PersistenceProfile;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection's writes against a real PostgreSQL: rows and offset commit together, a batch written
 * twice changes nothing, a merged backfill replaces its window's minutes and re-folds the higher bars
 * exactly as a symbol folds them, and a batch that fails half-way leaves neither rows nor offset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketDataTableTest {

    /** 2026-03-02 09:30 New York: a regular session's open. */
    private static final long OPEN = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();
    private static final int MINUTES = 60;
    private static final String PROJECTION = "market-data-test";

    private TestPostgres.Database db;
    private PersistenceProfile.PostgresSettings pg;
    private long ordering;

    @BeforeAll
    void createDatabase() {
        db = TestPostgres.createDatabase("table");
        pg = new PersistenceProfile.PostgresSettings(db.url(), db.user(), "", 2, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
        JournalSchema.ensurePostgres(pg);
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        execute("TRUNCATE market_data, projection_offset");
        ordering = 0;
    }

    @Test
    void closedBarsAndTheirOffsetAreCommittedTogether() throws SQLException {
        List<Bar> bars = MinuteBars.fold(MinuteBars.walk("AAPL", OPEN, MINUTES), OPEN + MINUTES * MinuteBars.MINUTE);
        try (MarketDataTable table = table()) {
            MarketDataTable.Written written = table.write(closed(bars));

            assertThat(written.rows()).isEqualTo(bars.size());
            assertThat(written.offset()).isEqualTo(ordering);
            assertThat(table.loadOffset()).isEqualTo(ordering);
        }
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(MarketDataRows.withoutEnds(bars));
        assertThat(bars).extracting(Bar::timeframe).contains(Timeframe.M5, Timeframe.M15, Timeframe.H1);
    }

    @Test
    void writingTheSameBatchAgainChangesNoRow() throws SQLException {
        List<Bar> bars = MinuteBars.fold(MinuteBars.walk("MSFT", OPEN, MINUTES), OPEN + MINUTES * MinuteBars.MINUTE);
        List<EventEnvelope> batch = closed(bars);
        try (MarketDataTable table = table()) {
            table.write(batch);
            List<String> stamps = insertedAt();
            table.write(batch);

            assertThat(insertedAt()).isEqualTo(stamps);
        }
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(MarketDataRows.withoutEnds(bars));
    }

    @Test
    void aMergedBackfillReplacesItsWindowAndRefoldsTheHigherBars() throws SQLException {
        long through = OPEN + MINUTES * MinuteBars.MINUTE;
        List<Bar> market = MinuteBars.walk("NVDA", OPEN, MINUTES);
        // Live: minutes 20 and 22 never arrived, and minute 21 came from a source that disagrees with REST.
        List<Bar> live = new ArrayList<>(market);
        Bar wrong21 = market.get(21);
        live.set(21, new Bar(wrong21.symbol(), Timeframe.M1, wrong21.start(), wrong21.end(), wrong21.open(),
                wrong21.high() * 1.01, wrong21.low(), wrong21.close(), wrong21.volume() * 3, wrong21.vwap(), 7, "yahoo"));
        live.remove(22);
        live.remove(20);
        // REST: minute 21 had no trade; 20 and 22 did.
        List<Bar> truth = new ArrayList<>(market);
        truth.remove(21);
        List<Bar> afterCheckpoint = truth.subList(15, truth.size());
        SymbolActor.GapFilled merge = new SymbolActor.GapFilled(market.get(20).start(), market.get(23).start(), "polygon",
                List.copyOf(afterCheckpoint), market.get(15).start(), market.get(14).start(), new byte[0], through, 0, false);

        try (MarketDataTable table = table()) {
            table.write(closed(MinuteBars.fold(live, through)));
            table.write(List.of(envelope(merge)));
        }

        assertThat(rows()).containsExactlyInAnyOrderElementsOf(MarketDataRows.withoutEnds(MinuteBars.fold(truth, through)));
    }

    @Test
    void aBackfillWindowStartingAtTheCheckpointsLastMinuteKeepsThatMinute() throws SQLException {
        long through = OPEN + MINUTES * MinuteBars.MINUTE;
        List<Bar> market = MinuteBars.walk("AMD", OPEN, MINUTES);
        // A restarted symbol recovered minute 9 and missed 10..29: its window starts at minute 9, the
        // minute its checkpoint ends with, which the merge leaves as it was.
        List<Bar> live = new ArrayList<>(market.subList(0, 10));
        live.addAll(market.subList(30, MINUTES));
        List<Bar> afterCheckpoint = market.subList(10, MINUTES);
        SymbolActor.GapFilled merge = new SymbolActor.GapFilled(market.get(9).start(), market.get(30).start(),
                "polygon", List.copyOf(afterCheckpoint), Long.MIN_VALUE, market.get(9).start(), new byte[0], through,
                0, false);

        try (MarketDataTable table = table()) {
            table.write(closed(MinuteBars.fold(live, through)));
            table.write(List.of(envelope(merge)));
        }

        assertThat(rows()).containsExactlyInAnyOrderElementsOf(MarketDataRows.withoutEnds(MinuteBars.fold(market, through)));
    }

    @Test
    void aBatchThatFailsHalfWayLeavesNeitherRowsNorOffset() throws SQLException {
        long through = OPEN + MINUTES * MinuteBars.MINUTE;
        List<Bar> minutes = MinuteBars.walk("TSLA", OPEN, MINUTES);
        SymbolActor.GapFilled merge = new SymbolActor.GapFilled(OPEN, through, "polygon", minutes, OPEN, OPEN,
                new byte[0], through, 0, true);
        Bar unusable = new Bar(null, Timeframe.M1, through, through + MinuteBars.MINUTE, 1, 1, 1, 1, 1, 1, 1, null);
        try (MarketDataTable table = table()) {
            assertThatThrownBy(() -> table.write(List.of(envelope(merge), envelope(new SymbolActor.BarClosed(unusable)))))
                    .isInstanceOf(RuntimeException.class);

            assertThat(table.loadOffset()).isZero();
        }
        assertThat(rows()).isEmpty();
    }

    private MarketDataTable table() {
        return new MarketDataTable(pg, PROJECTION, MinuteBars.TIMEFRAMES);
    }

    private List<EventEnvelope> closed(List<Bar> bars) {
        List<EventEnvelope> batch = new ArrayList<>();
        for (Bar bar : bars) {
            batch.add(envelope(new SymbolActor.BarClosed(bar)));
        }
        return batch;
    }

    private EventEnvelope envelope(SymbolActor.SymbolEvent event) {
        ordering++;
        return new EventEnvelope(Offset.sequence(ordering), "symbol|test", ordering, event, System.currentTimeMillis());
    }

    private List<Bar> rows() throws SQLException {
        try (Connection c = db.connect()) {
            return MarketDataRows.read(c);
        }
    }

    private List<String> insertedAt() throws SQLException {
        List<String> stamps = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inserted_at::text FROM market_data ORDER BY symbol, timeframe, start")) {
            while (rs.next()) {
                stamps.add(rs.getString(1));
            }
        }
        return stamps;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
