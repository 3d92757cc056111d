package io.actortrading.node.projection;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.integration.AtctlInvocation;
import io.actortrading.integration.InProcessNode;
import io.actortrading.integration.TcpProxy;
import io.actortrading.integration.TestPostgres;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.NodeServices;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node on the postgres persistence profile against a real server: every bar its symbols close is
 * journaled in PostgreSQL and lands in {@code market_data} exactly once, equal to what the symbols
 * computed; a second node start on the same database works (the schema is idempotent); and a database
 * outage in the middle of projecting delays rows but loses and doubles none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresNodeTest {

    private static final long OPEN = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();
    /** A whole regular session: 09:30 to 16:00 New York. */
    private static final int SESSION_MINUTES = 390;
    private static final int SYMBOLS = 20;
    private static final Duration ROWS_ARRIVE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration ASK = Duration.ofSeconds(5);

    private TestPostgres.Database db;
    private final List<Bar> reference = new ArrayList<>();
    private final List<String> symbols = new ArrayList<>();

    @BeforeAll
    void createDatabase() {
        db = TestPostgres.createDatabase("node");
        for (int i = 0; i < SYMBOLS; i++) {
            symbols.add("SYM" + (char) ('A' + i));
        }
        for (String symbol : symbols) {
            reference.addAll(MinuteBars.fold(MinuteBars.walk(symbol, OPEN, SESSION_MINUTES), System.currentTimeMillis()));
        }
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @Test
    @Order(1)
    void everyBarASymbolClosesLandsInMarketDataOnce(@TempDir Path dataDir) throws Exception {
        try (InProcessNode node = InProcessNode.start(postgres(db.url(), 5000), dataDir, null)) {
            ActorRef<FeedRouter.Command> acks = node.system().systemActorOf(Behaviors.ignore(), "test-acks", Props.empty());
            NodeServices.Refs refs = NodeServices.get(node.system()).started().toCompletableFuture().join();
            long started = System.nanoTime();
            for (String symbol : symbols) {
                List<MarketEvent> minutes = new ArrayList<>(MinuteBars.walk(symbol, OPEN, SESSION_MINUTES));
                refs.symbols().tell(new ShardingEnvelope<>(symbol, new SymbolActor.Ingest(minutes, System.nanoTime(), acks)));
            }

            await().atMost(ROWS_ARRIVE).pollInterval(POLL).until(() -> rowCount() == reference.size());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("postgres node: %d symbols x %d minutes -> %d bars journaled and projected in %.2f s "
                    + "(%.0f rows/s end to end)%n", SYMBOLS, SESSION_MINUTES, reference.size(), seconds,
                    reference.size() / seconds);
            assertThat(rows()).containsExactlyInAnyOrderElementsOf(MarketDataRows.withoutEnds(reference));
            assertThat(offset()).isEqualTo(newestBarEvent());
        }
    }

    @Test
    @Order(2)
    void aDatabaseOutageWhileProjectingDelaysRowsButLosesAndDoublesNone(@TempDir Path dataDir) throws Exception {
        execute("TRUNCATE market_data; DELETE FROM projection_offset");
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port());
             InProcessNode node = InProcessNode.start(postgres(db.urlVia(proxy.port()), 200), dataDir, null)) {
            ActorRef<MarketDataProjection.Command> projection = NodeServices.get(node.system()).started()
                    .toCompletableFuture().join().marketDataProjection().orElseThrow();

            await().atMost(ROWS_ARRIVE).pollInterval(Duration.ofMillis(20)).until(() -> rowCount() > 0);
            long before = rowCount();
            proxy.cut();
            long cutAt = System.nanoTime();
            await().atMost(ROWS_ARRIVE).pollInterval(POLL).until(() -> status(node, projection).failing());
            long detectedMillis = (System.nanoTime() - cutAt) / 1_000_000;
            long frozen = rowCount();
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(2)).pollInterval(POLL).until(() -> rowCount() == frozen);
            proxy.restore();
            long restoredAt = System.nanoTime();

            await().atMost(ROWS_ARRIVE).pollInterval(POLL).until(() -> rowCount() == reference.size());
            System.out.printf("postgres outage: %d of %d rows in before the cut, %d when the projection reported the "
                    + "failure (%d ms after the cut); rows frozen for %d s; every row in %d ms after the database "
                    + "returned%n", before, reference.size(), frozen, detectedMillis, OUTAGE.toSeconds(),
                    (System.nanoTime() - restoredAt) / 1_000_000);
            assertThat(frozen).isLessThan(reference.size());
            assertThat(rows()).containsExactlyInAnyOrderElementsOf(MarketDataRows.withoutEnds(reference));
            assertThat(offset()).isEqualTo(newestBarEvent());
            MarketDataProjection.ProjectionStatus after = status(node, projection);
            assertThat(after.failing()).isFalse();
            assertThat(after.failures()).isPositive();
            assertThat(after.lagMillis()).isZero();
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + node.host() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).containsPattern("at_projection_lag_seconds\\{projection=\"market-data\"\\} ")
                    .containsPattern("at_persistence_failures_total\\{store=\"market_data\"\\} [1-9]");
            AtctlInvocation sinks = AtctlInvocation.run("--host", node.host(), "sinks", "show");
            assertThat(sinks.exitCode()).as(sinks.err()).isZero();
            assertThat(sinks.out()).contains("persistence: postgres at 127.0.0.1:" + proxy.port() + "/" + db.name())
                    .containsPattern("market-data +running +" + after.offset() + " ")
                    .contains("market-data last error:");
        }
    }

    /** The postgres profile on {@code url}; the projection writes batches of at most {@code batch} events. */
    private static Config postgres(String url, int batch) {
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                actortrading.persistence.profile = postgres
                actortrading.persistence.postgres { user = postgres, password = "" }
                actortrading.projection.market-data.restart-backoff { min = 100ms, max = 500ms }
                jdbc-read-journal.refresh-interval = 100ms
                """).withValue("actortrading.persistence.postgres.url", ConfigValueFactory.fromAnyRef(url))
                .withValue("actortrading.projection.market-data.batch-size", ConfigValueFactory.fromAnyRef(batch));
    }

    private static MarketDataProjection.ProjectionStatus status(InProcessNode node,
                                                                ActorRef<MarketDataProjection.Command> projection) {
        return AskPattern.<MarketDataProjection.Command, MarketDataProjection.ProjectionStatus>ask(projection,
                MarketDataProjection.GetStatus::new, ASK, node.system().scheduler()).toCompletableFuture().join();
    }

    private long rowCount() throws SQLException {
        return single("SELECT count(*) FROM market_data");
    }

    private long offset() throws SQLException {
        return single("SELECT last_offset FROM projection_offset");
    }

    private long newestBarEvent() throws SQLException {
        return single("SELECT max(event_id) FROM event_tag WHERE tag = 'bar'");
    }

    private long single(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<Bar> rows() throws SQLException {
        try (Connection c = db.connect()) {
            return MarketDataRows.read(c);
        }
    }
}
