package io.actortrading.node.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.fakes.FakeEndpoint;
import io.actortrading.fakes.FakeSettings;
import io.actortrading.fakes.FakeTape;
import io.actortrading.fakes.ProviderFakes;
import io.actortrading.integration.AtctlInvocation;
import io.actortrading.integration.FastMarket;
import io.actortrading.integration.InProcessNode;
import io.actortrading.integration.NodeProcess;
import io.actortrading.integration.TcpProxy;
import io.actortrading.integration.TestPostgres;
import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.node.clock.MarketClock;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persistence faults against real PostgreSQL servers, with live bars flowing from the provider fakes:
 * three nodes on one market (60 times faster than wall time, a market minute a wall second), each
 * on its own database. The reference node runs undisturbed; the second loses its database for 30
 * seconds through a TCP proxy the test cuts; the third runs in its own JVM and is killed with
 * SIGKILL, then started again on the same database. Afterwards the market is paused, and the
 * disturbed nodes' {@code market_data} tables and symbols must equal the reference's: the same bars,
 * none missing and none twice, and the same indicator values and features. Where one node built a
 * minute from trades and another took the provider's aggregate for it, VWAP differs by the provider's
 * rounding and the trade count may be absent; those are compared within that rounding, or not at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersistenceFaultTest {

    private static final double SPEED = 60.0;
    /**
     * The market reads 09:29 New York on a Wednesday this long after the test starts, and the open
     * comes a wall second later: the nodes (one a JVM of its own, slow to start on a busy machine)
     * subscribe before the first trade, so all three ask for the same warm-up history.
     */
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Instant MARKET_START = Instant.parse("2026-03-04T14:29:00Z");
    private static final long OPEN = Instant.parse("2026-03-04T14:30:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final List<String> SYMBOLS = List.of("MSFT", "TSLA", "NVDA", "AAPL");
    private static final long TAPE_SEED = 11;
    private static final int TRADES_PER_MINUTE = 30;

    /** Timing of bars (grace, clock ticks) and of the Polygon connection, scaled to the fast market. */
    private static final String NODE = FastMarket.NODE_TIMING + """
            actortrading.feeds.sources {
              per-symbol { "MSFT" = ["polygon"], "TSLA" = ["polygon"], "NVDA" = ["polygon"], "AAPL" = ["polygon"] }
            }
            actortrading.feeds.providers.polygon {
              enabled = on
              markets = ["stocks"]
              stale-after = 2s
              breaker { max-failures = 3, reset-timeout = 4s, call-timeout = 5s }
              reconnect { min = 100ms, max = 400ms, random-factor = 0.2 }
              retry { max-attempts = 2, min = 100ms, max = 200ms }
              # The free plan's 5 calls a minute, in a market 60 times faster than the wall clock.
              rate-limits = [{ limit = 300, per = 1m }]
            }
            actortrading.persistence.profile = postgres
            actortrading.persistence.postgres { user = postgres, password = "" }
            jdbc-read-journal.refresh-interval = 100ms
            """;

    private static final int DIFFERENCES_SHOWN = 10;
    /** Polygon's VWAP has four decimals (the fakes round as it does); ours, built from trades, is exact. */
    private static final double VWAP_ROUNDING = 0.5e-4 + 1e-9;
    /** How far two symbol states' numbers may differ, relative to their size, for the rounded VWAP. */
    private static final double STATE_TOLERANCE = 1e-4;
    private static final Set<String> IGNORED_FIELDS = Set.of("trades");
    private static final Comparator<Bar> BY_KEY = Comparator.comparing(Bar::symbol)
            .thenComparing(Bar::timeframe).thenComparingLong(Bar::start);

    private final ObjectMapper mapper = new ObjectMapper();
    private PausableMarket market;
    private ProviderFakes fakes;
    private TestPostgres.Database referenceDb;
    private TestPostgres.Database outageDb;
    private TestPostgres.Database killedDb;
    private TcpProxy proxy;
    private InProcessNode reference;
    private InProcessNode outage;
    private NodeProcess killed;

    @BeforeAll
    void start(@TempDir Path dir) {
        long anchorMillis = System.currentTimeMillis() + STARTUP.toMillis();
        MarketClock clock = new MarketClock.Accelerated(MARKET_START.toEpochMilli(), SPEED,
                System.nanoTime() + STARTUP.toNanos());
        market = new PausableMarket(clock);
        fakes = ProviderFakes.start(FakeSettings.defaults(), new FakeTape(TAPE_SEED, TRADES_PER_MINUTE), market);
        referenceDb = TestPostgres.createDatabase("reference");
        outageDb = TestPostgres.createDatabase("outage");
        killedDb = TestPostgres.createDatabase("killed");
        proxy = new TcpProxy(outageDb.host(), outageDb.port());

        Config node = ConfigFactory.parseMap(Map.of(
                        "actortrading.feeds.providers.polygon.rest-url", fakes.baseUrl(FakeEndpoint.POLYGON_REST),
                        "actortrading.feeds.providers.polygon.ws-url", fakes.baseUrl(FakeEndpoint.POLYGON_WS),
                        "actortrading.feeds.providers.polygon.api-key", FakeSettings.DEFAULT_POLYGON_KEY))
                .withFallback(ConfigFactory.parseString(NODE))
                .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(SYMBOLS));
        killed = new NodeProcess(onDatabase(node, killedDb.url())
                .withValue("actortrading.clock.mode", ConfigValueFactory.fromAnyRef("accelerated"))
                .withValue("actortrading.clock.start", ConfigValueFactory.fromAnyRef(MARKET_START.toString()))
                .withValue("actortrading.clock.speed", ConfigValueFactory.fromAnyRef(SPEED))
                .withValue("actortrading.clock.anchor", ConfigValueFactory.fromAnyRef(
                        Instant.ofEpochMilli(anchorMillis).toString()))
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef("127.0.0.1"))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(0))
                .withValue("pekko.management.http.hostname", ConfigValueFactory.fromAnyRef("127.0.0.1"))
                .withValue("pekko.cluster.jmx.enabled", ConfigValueFactory.fromAnyRef(false))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(dir.resolve("killed").resolve("ddata").toString())),
                dir.resolve("killed"));
        killed.start();
        reference = InProcessNode.start(onDatabase(node, referenceDb.url()), dir.resolve("reference"), clock);
        outage = InProcessNode.start(onDatabase(node, outageDb.urlVia(proxy.port())), dir.resolve("outage"), clock);

        awaitAnswers(killed);
        assertThat(market.getAsLong()).as("every node is up before the open, %d s after the test started (node "
                + "process log:\n%s)", STARTUP.toSeconds(), killed.logTail()).isLessThan(OPEN);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{killed, outage, reference, proxy, fakes,
                killedDb, outageDb, referenceDb}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("closing " + closeable + ": " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void aThirtySecondDatabaseOutageWhileBarsFlowRestartsSymbolsWithBackoffAndLosesNone() throws Exception {
        await("bars in every database").atMost(WAIT).pollInterval(POLL).until(() ->
                minutesOfEverySymbol(outageDb, OPEN + 3 * MINUTE) && minutesOfEverySymbol(killedDb, OPEN + 3 * MINUTE));
        long frozen = rowCount(outageDb);
        proxy.cut();
        long cutWall = System.nanoTime();
        long cutMarket = market.getAsLong();
        await("the node reports its journal unreachable").atMost(WAIT).pollInterval(POLL)
                .until(() -> readiness(outage.host()).contains("journal"));
        long detected = millisSince(cutWall);
        // The outage lasts its 30 s; meanwhile the node answers, and no row is written.
        await("the database stays away").during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rowCount(outageDb) == frozen && answers(outage.host()));
        proxy.restore();
        long restoredWall = System.nanoTime();
        long restoredMarket = market.getAsLong();

        await("every symbol persists new bars").atMost(WAIT).pollInterval(POLL)
                .until(() -> minutesOfEverySymbol(outageDb, restoredMarket));
        long firstBars = millisSince(restoredWall);
        await("every minute of the outage is in market_data").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(missingMinutes(outageDb, OPEN, restoredMarket + MINUTE)).isEmpty());
        long complete = millisSince(restoredWall);

        AtctlInvocation symbols = atctl(outage.host(), "symbols", "list");
        SYMBOLS.forEach(symbol -> assertThat(symbols.out()).contains(symbol));
        assertThat(readiness(outage.host())).isEqualTo("ready");
        String metrics = get(outage.host(), "/metrics");
        assertThat(metrics).containsPattern("at_symbol_restarts_total(\\{[^}]*\\})? [1-9]");
        System.out.printf("postgres outage: %d s cut at market %s; journal reported unreachable after %d ms; rows frozen"
                        + " at %d; after the database returned every symbol persisted new bars in %d ms and market_data"
                        + " held every minute again in %d ms%n", OUTAGE.toSeconds(), Instant.ofEpochMilli(cutMarket),
                detected, frozen, firstBars, complete);
    }

    @Test
    @Order(2)
    void aNodeKilledWithSigkillRestartsOnTheSameDatabaseAndFillsWhatItLost() throws Exception {
        await("the node process has bars").atMost(WAIT).pollInterval(POLL)
                .until(() -> minutesOfEverySymbol(killedDb, OPEN + 3 * MINUTE));
        long killedMarket = market.getAsLong();
        long killedWall = System.nanoTime();
        int exit = killed.kill();
        assertThat(exit).as("killed by SIGKILL").isEqualTo(128 + 9);
        killed.start();
        awaitAnswers(killed);
        long answering = millisSince(killedWall);
        await("every symbol persists new bars").atMost(WAIT).pollInterval(POLL)
                .until(() -> minutesOfEverySymbol(killedDb, killedMarket + MINUTE));
        long firstBars = millisSince(killedWall);
        await("the minutes lost with the process are backfilled").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(missingMinutes(killedDb, OPEN, killedMarket + 2 * MINUTE)).isEmpty());
        long complete = millisSince(killedWall);
        System.out.printf("SIGKILL at market %s: the restarted node answered after %d ms, every symbol persisted new"
                        + " bars after %d ms, every lost minute was back in market_data after %d ms%n",
                Instant.ofEpochMilli(killedMarket), answering, firstBars, complete);
    }

    @Test
    @Order(3)
    void afterTheFaultsEveryTableAndSymbolEqualsTheUninterruptedRun() throws SQLException {
        long pausedAt = market.pause();
        long lastMinute = FakeTape.minuteStart(pausedAt) - MINUTE;
        long pausedWall = System.nanoTime();
        double[] worst = new double[1];
        try {
            awaitEqualRuns(lastMinute, worst);
        } catch (ConditionTimeoutException e) {
            StringBuilder views = new StringBuilder();
            for (var node : Map.of("reference", reference.host(), "outage", outage.host(), "SIGKILL", killed.host())
                    .entrySet()) {
                views.append("\n---- ").append(node.getKey()).append(": atctl symbols show ").append(SYMBOLS.get(0))
                        .append('\n').append(atctl(node.getValue(), "symbols", "show", SYMBOLS.get(0)).out());
            }
            throw new AssertionError(e.getMessage() + views, e);
        }
        System.out.printf("paused at market %s: %d market_data rows in each database, the same bars (vwap within %.0e"
                        + " where a provider's rounded one replaced ours), and every symbol's bars, indicators and"
                        + " features equal on the three nodes (largest relative difference %.1e), %d ms after the"
                        + " pause%n", Instant.ofEpochMilli(pausedAt), rowCount(referenceDb), VWAP_ROUNDING, worst[0],
                millisSince(pausedWall));
    }

    private void awaitEqualRuns(long lastMinute, double[] worst) {
        await("every node settles on the reference's bars").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<Bar> expected = rows(referenceDb);
                    assertThat(expected).anySatisfy(bar -> assertThat(bar.start()).isEqualTo(lastMinute));
                    assertThat(difference(expected, rows(outageDb))).as("market_data after the outage").isEmpty();
                    assertThat(difference(expected, rows(killedDb))).as("market_data after SIGKILL").isEmpty();
                    for (TestPostgres.Database db : List.of(referenceDb, outageDb, killedDb)) {
                        assertThat(single(db, "SELECT last_offset FROM projection_offset"))
                                .as(db.name() + " projection offset").isEqualTo(single(db,
                                        "SELECT max(event_id) FROM event_tag WHERE tag = 'bar'"));
                    }
                    worst[0] = 0;
                    for (String symbol : SYMBOLS) {
                        JsonNode expectedSymbol = symbolState(reference.host(), symbol);
                        for (var node : Map.of("outage", outage.host(), "SIGKILL", killed.host()).entrySet()) {
                            List<String> differences = new ArrayList<>();
                            worst[0] = Math.max(worst[0], compare(symbol, expectedSymbol,
                                    symbolState(node.getValue(), symbol), differences));
                            assertThat(differences).as(symbol + " after " + node.getKey()).isEmpty();
                        }
                    }
                });
    }

    /** What must be equal between two runs of one symbol: its bars, indicators and features. */
    private JsonNode symbolState(String host, String symbol) {
        JsonNode view = json(host, "symbols", "show", symbol);
        var state = mapper.createObjectNode();
        state.set("closed", view.path("closed"));
        state.set("forming", view.path("forming"));
        state.set("indicators", view.path("indicators"));
        state.set("features", view.path("features"));
        state.set("featuresAt", view.path("featuresAt"));
        return state;
    }

    /**
     * Compares two symbol states field by field, numbers within {@link #STATE_TOLERANCE} of their size
     * (a backfilled minute's VWAP is the provider's, rounded, and moves the session VWAP and its
     * feature a little) and trade counts not at all; adds what differs to {@code differences} and
     * returns the largest relative difference between numbers.
     */
    private static double compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isNumber() && actual.isNumber()) {
            double a = expected.asDouble();
            double b = actual.asDouble();
            double relative = Math.abs(a - b) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
            if (relative > STATE_TOLERANCE) {
                differences.add(path + ": " + a + " != " + b);
            }
            return relative;
        }
        if (expected.isContainerNode() && actual.isContainerNode() && expected.size() == actual.size()) {
            double worst = 0;
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    worst = Math.max(worst, compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences));
                }
            } else {
                for (var fields = expected.fieldNames(); fields.hasNext(); ) {
                    String field = fields.next();
                    if (!IGNORED_FIELDS.contains(field)) {
                        worst = Math.max(worst, compare(path + "." + field, expected.get(field),
                                actual.path(field), differences));
                    }
                }
            }
            return worst;
        }
        if (!expected.equals(actual)) {
            differences.add(path + ": " + expected + " != " + actual);
        }
        return 0;
    }

    private static Config onDatabase(Config node, String url) {
        return node.withValue("actortrading.persistence.postgres.url", ConfigValueFactory.fromAnyRef(url));
    }

    /** Whether every symbol has a closed 1m bar in the table starting at or after {@code from}. */
    private boolean minutesOfEverySymbol(TestPostgres.Database db, long from) throws SQLException {
        return single(db, "SELECT count(DISTINCT symbol) FROM market_data WHERE timeframe = '1m' AND start >= "
                + "to_timestamp(" + from / 1000 + ")") == SYMBOLS.size();
    }

    /** The minutes of [from, through] some symbol lacks in the table, as "SYMBOL minute". */
    private static List<String> missingMinutes(TestPostgres.Database db, long from, long through) throws SQLException {
        Set<String> present = new HashSet<>();
        for (Bar bar : rows(db)) {
            if (bar.timeframe() == Timeframe.M1) {
                present.add(bar.symbol() + " " + Instant.ofEpochMilli(bar.start()));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            for (long start = FakeTape.minuteStart(from); start <= FakeTape.minuteStart(through); start += MINUTE) {
                String minute = symbol + " " + Instant.ofEpochMilli(start);
                if (!present.contains(minute)) {
                    missing.add(minute);
                }
            }
        }
        return missing;
    }

    /**
     * What {@code actual} lacks, what it has that {@code expected} does not, and the bars both have that
     * differ, a few of each. Prices and volume must be equal; VWAP within the provider's rounding (a
     * minute one run built from trades may be the other's REST or streamed aggregate); the trade count
     * is not compared, as Polygon's streamed minute aggregate has none.
     */
    private static List<String> difference(List<Bar> expected, List<Bar> actual) {
        Map<String, Bar> byKey = new HashMap<>();
        expected.forEach(bar -> byKey.put(key(bar), bar));
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>();
        for (Bar bar : actual.stream().sorted(BY_KEY).toList()) {
            Bar wanted = byKey.get(key(bar));
            if (!seen.add(key(bar))) {
                lines.add("twice   " + bar);
            } else if (wanted == null) {
                lines.add("extra   " + bar);
            } else if (!sameBar(wanted, bar)) {
                lines.add("differs " + bar + " from " + wanted);
            }
        }
        expected.stream().sorted(BY_KEY).filter(bar -> !seen.contains(key(bar)))
                .forEach(bar -> lines.add("missing " + bar));
        return lines.stream().limit(DIFFERENCES_SHOWN).toList();
    }

    private static String key(Bar bar) {
        return bar.symbol() + " " + bar.timeframe().label() + " " + Instant.ofEpochMilli(bar.start());
    }

    private static boolean sameBar(Bar a, Bar b) {
        return a.open() == b.open() && a.high() == b.high() && a.low() == b.low() && a.close() == b.close()
                && a.volume() == b.volume() && Math.abs(a.vwap() - b.vwap()) <= VWAP_ROUNDING;
    }

    private static long rowCount(TestPostgres.Database db) throws SQLException {
        return single(db, "SELECT count(*) FROM market_data");
    }

    private static long single(TestPostgres.Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static List<Bar> rows(TestPostgres.Database db) throws SQLException {
        try (Connection c = db.connect()) {
            return MarketDataRows.read(c);
        }
    }

    private static void awaitAnswers(NodeProcess node) {
        try {
            await("the node process answers").atMost(WAIT).pollInterval(POLL).until(() -> {
                if (!node.alive()) {
                    throw new IllegalStateException("the node process exited");
                }
                return answers(node.host());
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("the node process did not answer (alive: " + node.alive() + "); its log:\n"
                    + node.logTail(), e);
        }
    }

    private static boolean answers(String host) {
        return AtctlInvocation.run("--host", host, "symbols", "list").exitCode() == 0;
    }

    /** "ready", or the body of the 503 naming the failing check. */
    private static String readiness(String host) throws IOException, InterruptedException {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + host + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        return ready.statusCode() == 200 ? "ready" : ready.body();
    }

    private static String get(String host, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode json(String host, String... command) {
        String[] args = new String[command.length + 1];
        args[0] = "--json";
        System.arraycopy(command, 0, args, 1, command.length);
        AtctlInvocation result = atctl(host, args);
        try {
            return mapper.readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError("atctl printed no JSON: " + result.out(), e);
        }
    }

    private static AtctlInvocation atctl(String host, String... args) {
        return AtctlInvocation.succeeding(host, args);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /**
     * The fakes' market time, which the test can stop: the nodes' clocks run on, close what was traded
     * and then have nothing more to do, so three runs can be compared at rest.
     */
    private static final class PausableMarket implements LongSupplier {
        private final MarketClock clock;
        private volatile long pausedAt = Long.MAX_VALUE;

        PausableMarket(MarketClock clock) {
            this.clock = clock;
        }

        @Override
        public long getAsLong() {
            return Math.min(clock.now(Long.MIN_VALUE), pausedAt);
        }

        long pause() {
            pausedAt = clock.now(Long.MIN_VALUE);
            return pausedAt;
        }
    }
}
