package io.actortrading.node.metrics;

import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.NodeServices;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.registry.TestClusterNode;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /metrics, /health and /ready over HTTP on a real single-node cluster: real sharding, the real
 * metrics poller and the real readiness checks, with a stand-in feed router whose live source status
 * the test sets, and stand-in symbol entities.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthRoutesTest {

    private static final List<String> SYMBOLS = List.of("NVDA", "MSFT", "BTC-USD");
    private static final Duration SETTLES = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String PASSWORD = "s3cret-journal-pw";

    private static final SourceStatus STREAMING = polygon(ConnectionState.STREAMING, BreakerState.CLOSED, "");
    private static final SourceStatus BREAKER_OPEN = polygon(ConnectionState.BREAKER_OPEN, BreakerState.OPEN,
            "HTTP 429: too many requests");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<List<SourceStatus>> liveStatus = new AtomicReference<>(List.of(STREAMING));

    private ActorTestKit node;
    private URI base;

    @BeforeAll
    void startNode(@TempDir Path dataDir) throws Exception {
        node = TestClusterNode.startAlone("HealthRoutes", dataDir.resolve("registry"), SYMBOLS, managementConfig(
                "jdbc:h2:file:" + dataDir.resolve("journal").toAbsolutePath() + ";DATABASE_TO_UPPER=false", ""));
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create(), "symbol-registry");
        ActorRef<FeedRouter.Command> router = node.spawn(standInRouter(), "feed-router");
        ActorRef<ShardingEnvelope<SymbolActor.Command>> symbols = ClusterSharding.get(node.system())
                .init(Entity.of(SymbolActor.TYPE_KEY, entity -> Behaviors.receiveMessage(command -> Behaviors.same())));
        SYMBOLS.forEach(symbol -> symbols.tell(new ShardingEnvelope<>(symbol, SymbolActor.Passivate.INSTANCE)));
        NodeServices.get(node.system()).publish(new NodeServices.Refs(registry, router, symbols));
        base = startManagement(node);
    }

    @AfterAll
    void stopNode() {
        node.shutdownTestKit();
    }

    @Test
    void healthAnswers200() throws Exception {
        HttpResponse<String> health = get(base, "health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
    }

    @Test
    void readyAnswers503NamingTheSourceWhoseBreakerIsOpenAnd200OnceItRecovers() {
        await().atMost(SETTLES).pollInterval(POLL).untilAsserted(() -> assertThat(get(base, "ready").statusCode()).isEqualTo(200));

        liveStatus.set(List.of(BREAKER_OPEN));
        await().atMost(SETTLES).pollInterval(POLL).untilAsserted(() -> {
            HttpResponse<String> ready = get(base, "ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("not ready: live-sources: polygon-stocks is BREAKER_OPEN with its breaker "
                    + "OPEN (last error: HTTP 429: too many requests)");
        });

        liveStatus.set(List.of(STREAMING));
        await().atMost(SETTLES).pollInterval(POLL).untilAsserted(() -> assertThat(get(base, "ready").statusCode()).isEqualTo(200));
    }

    @Test
    void metricsAnswerInPrometheusTextWithThePolledFigures() {
        await().atMost(SETTLES).pollInterval(POLL).untilAsserted(() -> {
            HttpResponse<String> metrics = get(base, "metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=UTF-8");
            PrometheusText scrape = PrometheusText.parse(metrics.body());
            assertThat(scrape.value("at_shard_region_entities", Map.of("type", "symbol"))).hasValue(SYMBOLS.size());
            assertThat(scrape.value("at_router_routed_total")).hasValue(123456.0);
            assertThat(scrape.value("at_feed_events_total", Map.of("source", "synthetic"))).hasValue(1000.0);
            assertThat(scrape.value("at_source_breaker_state", Map.of("source", "polygon-stocks"))).isPresent();
        });
    }

    @Test
    void readyAnswers503NamingTheJournalWhenItsDatabaseIsUnreachable(@TempDir Path dataDir) throws Exception {
        int closedPort = closedPort();
        ActorTestKit unreachable = TestClusterNode.startAlone("HealthRoutesNoJournal", dataDir.resolve("registry"),
                List.of(), managementConfig("jdbc:postgresql://127.0.0.1:" + closedPort + "/actortrading", PASSWORD)
                        + """
                        pekko.management.health-checks.readiness-checks {
                          symbol-region = ""
                          live-sources = ""
                        }
                        """);
        try {
            HttpResponse<String> ready = get(startManagement(unreachable), "ready");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).startsWith("not ready: journal: cannot reach the journal database at "
                    + "jdbc:postgresql://127.0.0.1:" + closedPort + "/actortrading: ").doesNotContain(PASSWORD);
        } finally {
            unreachable.shutdownTestKit();
        }
    }

    private Behavior<FeedRouter.Command> standInRouter() {
        FeedRouter.RouterStats stats = new FeedRouter.RouterStats(65536, 0, 0.0, 123456, 0, 100, 0, List.of(
                new FeedRouter.SourceStats("synthetic", "running", 1000, 10.0, System.currentTimeMillis(), 0, SYMBOLS)));
        return Behaviors.receive(FeedRouter.Command.class)
                .onMessage(FeedRouter.GetStats.class, get -> {
                    get.replyTo().tell(stats);
                    return Behaviors.same();
                })
                .onMessage(FeedRouter.GetLiveStatus.class, get -> {
                    get.replyTo().tell(liveStatus.get());
                    return Behaviors.same();
                })
                .build();
    }

    private static SourceStatus polygon(ConnectionState state, BreakerState breaker, String lastError) {
        return new SourceStatus("polygon", "polygon-stocks", state, breaker, 100, 1.0, System.currentTimeMillis(),
                Map.of(), -1, List.of("NVDA"), 0, lastError);
    }

    private static String managementConfig(String journalUrl, String password) {
        return """
                pekko.management.http.hostname = "127.0.0.1"
                pekko.management.http.port = 0
                actortrading.metrics.poll-interval = 100ms
                pekko-persistence-jdbc.shared-databases.default.db.url = "%s"
                pekko-persistence-jdbc.shared-databases.default.db.password = "%s"
                """.formatted(journalUrl, password);
    }

    private static URI startManagement(ActorTestKit node) throws Exception {
        String uri = PekkoManagement.get(node.system().classicSystem()).start()
                .toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
        return URI.create(uri.endsWith("/") ? uri : uri + "/");
    }

    private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
