package io.actortrading.node.projection;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persistence faults against real PostgreSQL servers, with live bars flowing from the provider fakes
 * (a market 60 times faster than wall time, a market minute a wall second). Two nodes, each on its
 * own database: one loses its database for 30 seconds through a TCP proxy the test cuts; the other
 * runs in its own JVM and is killed with SIGKILL, then started again on the same database. Each must
 * end with every minute in {@code market_data}, the ones it lost backfilled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersistenceFaultTest {

    private static final double SPEED = 60.0;
    /**
     * The market reads 09:29 New York on a Wednesday this long after the test starts, and the open
     * comes a wall second later: the node in its own JVM, slow to start on a busy machine, is up
     * before the first trade.
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

    private MarketClock clock;
    private ProviderFakes fakes;
    private TestPostgres.Database outageDb;
    private TestPostgres.Database killedDb;
    private TcpProxy proxy;
    private InProcessNode outage;
    private NodeProcess killed;

    @BeforeAll
    void start(@TempDir Path dir) {
        long anchorMillis = System.currentTimeMillis() + STARTUP.toMillis();
        clock = new MarketClock.Accelerated(MARKET_START.toEpochMilli(), SPEED, System.nanoTime() + STARTUP.toNanos());
        fakes = ProviderFakes.start(FakeSettings.defaults(), new FakeTape(TAPE_SEED, TRADES_PER_MINUTE),
                this::marketNow);
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
        outage = InProcessNode.start(onDatabase(node, outageDb.urlVia(proxy.port())), dir.resolve("outage"), clock);

        awaitAnswers(killed);
        assertThat(marketNow()).as("every node is up before the open, %d s after the test started (node "
                + "process log:\n%s)", STARTUP.toSeconds(), killed.logTail()).isLessThan(OPEN);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{killed, outage, proxy, fakes, killedDb, outageDb}) {
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
        long cutMarket = marketNow();
        await("the node reports its journal unreachable").atMost(WAIT).pollInterval(POLL)
                .until(() -> readiness(outage.host()).contains("journal"));
        long detected = millisSince(cutWall);
        // The outage lasts its 30 s; meanwhile the node answers, and no row is written.
        await("the database stays away").during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rowCount(outageDb) == frozen && answers(outage.host()));
        proxy.restore();
        long restoredWall = System.nanoTime();
        long restoredMarket = marketNow();

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
        long killedMarket = marketNow();
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

    private static AtctlInvocation atctl(String host, String... args) {
        return AtctlInvocation.succeeding(host, args);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private long marketNow() {
        return clock.now(Long.MIN_VALUE);
    }
}
