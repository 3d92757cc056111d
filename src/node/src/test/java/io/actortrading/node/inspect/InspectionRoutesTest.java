package io.actortrading.node.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.node.NodeServices;
import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.feed.FeedRouter;
import io.actortrading.node.registry.SymbolRegistry;
import io.actortrading.node.registry.TestClusterNode;
import io.actortrading.node.symbol.SymbolActor;
import io.actortrading.node.symbol.SymbolView;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /api routes over HTTP on a real single-node cluster with a real registry and real sharding.
 * The feed router and the symbol entities are stand-ins that answer with fixed statistics and views.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectionRoutesTest {

    private static final long MINUTE = 60_000L;
    private static final long NVDA_BAR_START = 1_772_463_840_000L; // 2026-03-02T15:04:00Z

    private static final String MANAGEMENT_ON_ANY_PORT = """
            pekko.management.http.hostname = "127.0.0.1"
            pekko.management.http.port = 0
            """;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ActorTestKit node;
    private URI base;

    @BeforeAll
    void startNode(@TempDir Path dataDir) throws Exception {
        node = TestClusterNode.startAlone("InspectionRoutes", dataDir.resolve("registry"),
                List.of("NVDA", "MSFT", "EUR/USD"), MANAGEMENT_ON_ANY_PORT);
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create(), "symbol-registry");
        ActorRef<FeedRouter.Command> router = node.spawn(standInRouter(System.currentTimeMillis()), "feed-router");
        ActorRef<ShardingEnvelope<SymbolActor.Command>> symbols = ClusterSharding.get(node.system())
                .init(Entity.of(SymbolActor.TYPE_KEY, entity -> standInSymbol(entity.getEntityId())));
        NodeServices.get(node.system()).publish(new NodeServices.Refs(registry, router, symbols));
        base = startManagement(node);
    }

    @AfterAll
    void stopNode() {
        node.shutdownTestKit();
    }

    @Test
    void listsRegisteredSymbolsWithInstrumentSourcesAndStatus() throws Exception {
        Reply reply = get("/api/symbols");

        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonNode> bySymbol = new LinkedHashMap<>();
        reply.json().path("symbols").forEach(entry -> bySymbol.put(entry.path("symbol").asText(), entry));
        assertThat(bySymbol).containsKeys("EUR/USD", "MSFT", "NVDA");
        JsonNode nvda = bySymbol.get("NVDA");
        assertThat(fieldNames(nvda)).containsExactly("symbol", "assetClass", "zone", "sources", "status");
        assertThat(nvda.path("assetClass").asText()).isEqualTo("US_EQUITY");
        assertThat(nvda.path("zone").asText()).isEqualTo("America/New_York");
        assertThat(texts(nvda.path("sources"))).containsExactly("synthetic");
        assertThat(nvda.path("status").asText()).isEqualTo("live");
        JsonNode eurUsd = bySymbol.get("EUR/USD");
        assertThat(eurUsd.path("assetClass").asText()).isEqualTo("FOREX");
        assertThat(eurUsd.path("zone").asText()).isEqualTo("UTC");
        assertThat(texts(eurUsd.path("sources"))).isEmpty();
        assertThat(eurUsd.path("status").asText()).isEqualTo("registered");
    }

    @Test
    void addsASymbolOnceAndRejectsBadInput() throws Exception {
        Reply added = post("/api/symbols", "{\"symbol\": \"tsla\", \"sources\": [\"synthetic\"]}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json()).isEqualTo(mapper.readTree("{\"symbol\": \"TSLA\", \"added\": true}"));

        Reply again = post("/api/symbols", "{\"symbol\": \"TSLA\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(mapper.readTree("{\"symbol\": \"TSLA\", \"added\": false}"));

        Reply invalid = post("/api/symbols", "{\"symbol\": \"$$$\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fieldNames(invalid.json())).containsExactly("error");
        assertThat(invalid.json().path("error").asText()).startsWith("invalid symbol '$$$': ");

        assertThat(post("/api/symbols", "not json").status()).isEqualTo(400);
        assertThat(post("/api/symbols", "{\"sources\": [\"synthetic\"]}").status()).isEqualTo(400);
        assertThat(post("/api/symbols", "{\"symbol\": \"AMZN\", \"sources\": \"synthetic\"}").status()).isEqualTo(400);

        assertThat(symbolsListed()).contains("TSLA").doesNotContain("AMZN", "$$$");
    }

    @Test
    void removesASymbolAndThenDoesNotKnowIt() throws Exception {
        assertThat(post("/api/symbols", "{\"symbol\": \"AMD\"}").status()).isEqualTo(201);

        Reply removed = delete("/api/symbols/AMD");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json()).isEqualTo(mapper.readTree("{\"symbol\": \"AMD\", \"removed\": true}"));

        Reply unknown = delete("/api/symbols/AMD");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).isEqualTo(mapper.readTree("{\"error\": \"unknown symbol AMD\"}"));
        assertThat(symbolsListed()).doesNotContain("AMD");
    }

    @Test
    void showsASymbolViewInTheContractShape() throws Exception {
        Reply reply = get("/api/symbols/nvda");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode view = reply.json();
        assertThat(fieldNames(view)).containsExactly("symbol", "assetClass", "zone", "sources", "lastPrice",
                "lastEventAt", "quality", "counters", "forming", "closed", "indicators", "features", "featuresAt",
                "liveSources", "ready", "warmingUp", "standbyEvents", "discrepancies", "gaps");
        assertThat(view.path("discrepancies")).isEqualTo(mapper.readTree("{\"count\": 0, \"last\": null}"));
        assertThat(view.path("gaps").path("pending").isNull()).isTrue();
        assertThat(view.path("symbol").asText()).isEqualTo("NVDA");
        assertThat(view.path("liveSources").path("active").asText()).isEqualTo("polygon");
        assertThat(texts(view.path("liveSources").path("order"))).containsExactly("polygon", "yahoo");
        assertThat(texts(view.path("sources"))).containsExactly("synthetic");
        assertThat(view.path("lastPrice").asDouble()).isEqualTo(912.5);
        assertThat(view.path("lastEventAt").asText()).isEqualTo("2026-03-02T15:04:05.123Z");
        assertThat(view.path("quality").asDouble()).isEqualTo(0.998);
        assertThat(view.path("counters")).isEqualTo(mapper.readTree("""
                {"ticks": 1234, "applied": 1230, "late": 1, "duplicates": 2, "outsideSession": 0,
                 "rejected": {"PRICE_SPIKE": 1}, "barsClosed": 42}"""));
        assertThat(view.path("forming")).hasSize(1);
        assertThat(view.path("forming").get(0)).isEqualTo(mapper.readTree("""
                {"symbol": "NVDA", "timeframe": "5m", "start": "2026-03-02T15:00:00Z", "end": "2026-03-02T15:05:00Z",
                 "open": 910.0, "high": 913.0, "low": 909.5, "close": 912.5, "volume": 5000.0, "vwap": 911.75,
                 "trades": 40, "source": "synthetic"}"""));
        assertThat(view.path("closed")).hasSize(2);
        assertThat(view.path("closed").get(1).path("start").asText()).isEqualTo("2026-03-02T15:04:00Z");
        assertThat(view.path("closed").get(1).path("vwap").isNull()).isTrue();
        assertThat(view.path("indicators").path("1m").path("sma_20").asDouble()).isEqualTo(911.2);
        assertThat(view.path("indicators").path("1m").path("rsi_14").isNull()).isTrue();
        assertThat(view.path("indicators").path("1m").has("rsi_14")).isTrue();
        assertThat(texts(view.path("features").path("names"))).containsExactly("returns", "close");
        assertThat(view.path("features").path("values").get(1).asDouble()).isEqualTo(912.5);
        assertThat(view.path("featuresAt").asText()).isEqualTo("2026-03-02T15:04:00Z");
    }

    @Test
    void showsAnEncodedSymbolWhoseViewHasNoDataYet() throws Exception {
        Reply reply = get("/api/symbols/EUR%2FUSD");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode view = reply.json();
        assertThat(view.path("symbol").asText()).isEqualTo("EUR/USD");
        assertThat(view.path("lastPrice").isNull()).isTrue();
        assertThat(view.path("lastEventAt").isNull()).isTrue();
        assertThat(view.path("forming")).isEmpty();
        assertThat(view.path("features").isNull()).isTrue();
        assertThat(view.path("featuresAt").isNull()).isTrue();
    }

    @Test
    void anUnregisteredSymbolIsNotFound() throws Exception {
        Reply unknown = get("/api/symbols/ZZZZ");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).isEqualTo(mapper.readTree("{\"error\": \"unknown symbol ZZZZ\"}"));

        assertThat(get("/api/symbols/%24%24%24").status()).isEqualTo(404);
    }

    @Test
    void reportsTheRouterAndEverySource() throws Exception {
        Reply reply = get("/api/feeds");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("router")).isEqualTo(mapper.readTree("""
                {"bufferCapacity": 65536, "inFlight": 120, "fill": 0.25, "routed": 123456,
                 "unknownSymbol": 3, "batches": 4567, "failovers": 2}"""));
        JsonNode live = reply.json().path("feeds").get(0);
        assertThat(live.path("source").asText()).isEqualTo("polygon-stocks");
        assertThat(live.path("provider").asText()).isEqualTo("polygon");
        assertThat(live.path("state").asText()).isEqualTo("STREAMING");
        assertThat(live.path("breaker").asText()).isEqualTo("CLOSED");
        assertThat(live.path("restarts").asLong()).isEqualTo(1);
        assertThat(live.path("errors")).isEqualTo(mapper.readTree("{\"DISCONNECTED\": 1}"));
        assertThat(live.path("rateBudget").isNull()).as("-1: the provider has no configured limit").isTrue();
        assertThat(live.path("lastError").asText()).isEqualTo("connection closed by the server");
        JsonNode feed = reply.json().path("feeds").get(1);
        assertThat(fieldNames(feed)).containsExactly("source", "provider", "state", "breaker", "restarts",
                "messagesPerSecond", "lastMessageAgeMs", "errors", "rateBudget", "symbols", "lastError");
        assertThat(feed.path("source").asText()).isEqualTo("synthetic");
        assertThat(feed.path("state").asText()).isEqualTo("running");
        assertThat(feed.path("messagesPerSecond").asDouble()).isEqualTo(10234.5);
        assertThat(feed.path("lastMessageAgeMs").isIntegralNumber()).isTrue();
        assertThat(feed.path("lastMessageAgeMs").asLong()).isGreaterThanOrEqualTo(0L);
        assertThat(feed.path("errors")).isEqualTo(mapper.readTree("{\"malformed\": 2}"));
        assertThat(feed.path("rateBudget").isNull()).isTrue();
        assertThat(texts(feed.path("symbols"))).containsExactly("MSFT", "NVDA");
        JsonNode silent = reply.json().path("feeds").get(2);
        assertThat(silent.path("lastMessageAgeMs").isNull()).isTrue();
    }

    @Test
    void reportsShardRegionsPerNode() throws Exception {
        assertThat(get("/api/symbols/MSFT").status()).isEqualTo(200);
        String self = Cluster.get(node.system()).selfMember().address().toString();

        for (String route : List.of("/api/shards/region-stats", "/api/shards/region-stats?type=symbol")) {
            Reply reply = get(route);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("node").asText()).isEqualTo(self);
            JsonNode region = reply.json().path("regions").get(0);
            assertThat(fieldNames(region)).containsExactly("type", "node", "shards", "entities", "perShard");
            assertThat(region.path("type").asText()).isEqualTo("symbol");
            assertThat(region.path("node").asText()).isEqualTo(self);
            assertThat(region.path("entities").asLong()).isGreaterThanOrEqualTo(1L);
            long perShardSum = 0;
            for (JsonNode count : region.path("perShard")) {
                perShardSum += count.asLong();
            }
            assertThat(perShardSum).isEqualTo(region.path("entities").asLong());
            assertThat(region.path("perShard").size()).isEqualTo(region.path("shards").asInt());
        }

        Reply unknownType = get("/api/shards/region-stats?type=portfolio");
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(unknownType.json().path("error").asText()).contains("portfolio");
    }

    @Test
    void walksTheActorTreeToTheRequestedDepth() throws Exception {
        Reply shallow = get("/api/actors/tree?depth=1");
        assertThat(shallow.status()).isEqualTo(200);
        JsonNode root = shallow.json().path("root");
        assertThat(root.path("name").asText()).isEqualTo("user");
        assertThat(root.path("path").asText()).isEqualTo("pekko://InspectionRoutes/user");
        assertThat(names(root.path("children"))).contains("symbol-registry", "feed-router");
        root.path("children").forEach(child -> assertThat(child.path("children")).isEmpty());

        Reply sharding = get("/api/actors/tree?path=/system/sharding&depth=2");
        assertThat(sharding.status()).isEqualTo(200);
        JsonNode symbolRegion = find(sharding.json().path("root").path("children"), "symbol");
        assertThat(symbolRegion.path("path").asText()).isEqualTo("pekko://InspectionRoutes/system/sharding/symbol");
        assertThat(symbolRegion.path("children")).isNotEmpty();

        assertThat(get("/api/actors/tree?depth=x").status()).isEqualTo(400);
        assertThat(get("/api/actors/tree?depth=99").status()).isEqualTo(400);
        assertThat(get("/api/actors/tree?path=user").status()).isEqualTo(400);
        Reply missing = get("/api/actors/tree?path=/user/no-such-actor");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("no actor at /user/no-such-actor");
    }

    @Test
    void unknownRoutesAndMethodsAnswerWithJsonErrors() throws Exception {
        Reply noRoute = get("/api/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(fieldNames(noRoute.json())).containsExactly("error");

        Reply wrongMethod = delete("/api/feeds");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(fieldNames(wrongMethod.json())).containsExactly("error");
    }

    @Test
    void leavesPekkoManagementsClusterRoutesInPlace() throws Exception {
        Reply members = get("/cluster/members");

        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().path("selfNode").asText())
                .isEqualTo(Cluster.get(node.system()).selfMember().address().toString());
    }

    @Test
    void answersNodeIsStartingUntilTheGuardianPublishesItsActors(@TempDir Path dataDir) throws Exception {
        ActorTestKit starting = TestClusterNode.startAlone("InspectionStarting", dataDir.resolve("starting"),
                List.of("NVDA"), MANAGEMENT_ON_ANY_PORT);
        try {
            URI startingBase = startManagement(starting);
            for (String route : List.of("/api/symbols", "/api/symbols/NVDA", "/api/feeds")) {
                Reply reply = send(HttpRequest.newBuilder(startingBase.resolve(route)).GET());
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.json()).isEqualTo(mapper.readTree("{\"error\": \"node is starting\"}"));
            }

            ActorRef<SymbolRegistry.Command> registry = starting.spawn(SymbolRegistry.create(), "symbol-registry");
            NodeServices.get(starting.system()).publish(new NodeServices.Refs(registry,
                    starting.spawn(standInRouter(System.currentTimeMillis())),
                    starting.spawn(Behaviors.<ShardingEnvelope<SymbolActor.Command>>ignore())));

            assertThat(send(HttpRequest.newBuilder(startingBase.resolve("/api/symbols")).GET()).status()).isEqualTo(200);
        } finally {
            starting.shutdownTestKit();
        }
    }

    private static URI startManagement(ActorTestKit node) throws Exception {
        String uri = PekkoManagement.get(node.system().classicSystem()).start()
                .toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
        return URI.create(uri.endsWith("/") ? uri : uri + "/");
    }

    private static Behavior<FeedRouter.Command> standInRouter(long lastMessageAt) {
        FeedRouter.RouterStats stats = new FeedRouter.RouterStats(65536, 120, 0.25, 123456, 3, 4567, 2, List.of(
                new FeedRouter.SourceStats("synthetic", "running", 1_000_000, 10234.5, lastMessageAt, 2,
                        List.of("MSFT", "NVDA")),
                new FeedRouter.SourceStats("replay", "completed", 0, 0.0, 0L, 0, List.of())));
        SourceStatus polygon = new SourceStatus("polygon", "polygon-stocks", ConnectionState.STREAMING,
                BreakerState.CLOSED, 5000, 12.5, lastMessageAt, Map.of("DISCONNECTED", 1L), -1,
                List.of("MSFT", "NVDA"), 1, "connection closed by the server");
        return Behaviors.receive(FeedRouter.Command.class)
                .onMessage(FeedRouter.GetStats.class, get -> {
                    get.replyTo().tell(stats);
                    return Behaviors.same();
                })
                .onMessage(FeedRouter.GetLiveStatus.class, get -> {
                    get.replyTo().tell(List.of(polygon));
                    return Behaviors.same();
                })
                .onMessage(FeedRouter.GetSymbolSources.class, get -> {
                    get.replyTo().tell(new FeedRouter.SymbolSources(get.symbol(),
                            Map.of("active", "polygon", "order", List.of("polygon", "yahoo"))));
                    return Behaviors.same();
                })
                .build();
    }

    private static Behavior<SymbolActor.Command> standInSymbol(String symbol) {
        SymbolView view = symbol.equals("NVDA") ? nvdaView() : emptyView(symbol);
        return Behaviors.receive(SymbolActor.Command.class)
                .onMessage(SymbolActor.GetView.class, get -> {
                    get.replyTo().tell(view);
                    return Behaviors.same();
                })
                .build();
    }

    private static SymbolView nvdaView() {
        Bar forming = new Bar("NVDA", Timeframe.M5, NVDA_BAR_START - 4 * MINUTE, NVDA_BAR_START + MINUTE,
                910.0, 913.0, 909.5, 912.5, 5000.0, 911.75, 40, "synthetic");
        Bar closed5m = new Bar("NVDA", Timeframe.M5, NVDA_BAR_START - 9 * MINUTE, NVDA_BAR_START - 4 * MINUTE,
                905.0, 911.0, 904.0, 910.0, 9000.0, 908.0, 70, "synthetic");
        Bar closed1m = new Bar("NVDA", Timeframe.M1, NVDA_BAR_START, NVDA_BAR_START + MINUTE,
                911.0, 912.0, 910.5, 912.0, 800.0, Double.NaN, 0, "synthetic");
        Map<String, Double> oneMinute = new LinkedHashMap<>();
        oneMinute.put("sma_20", 911.2);
        oneMinute.put("rsi_14", null);
        return new SymbolView("NVDA", "US_EQUITY", "America/New_York", 912.5, NVDA_BAR_START + 5_123, 0.998,
                new SymbolView.Counters(1234, 1230, 1, 2, 0, Map.of("PRICE_SPIKE", 1L), 42),
                List.of(forming), List.of(closed5m, closed1m), Map.of("1m", oneMinute),
                List.of("returns", "close"), new double[] {0.001, 912.5}, NVDA_BAR_START);
    }

    private static SymbolView emptyView(String symbol) {
        return new SymbolView(symbol, "FOREX", "UTC", Double.NaN, 0L, 1.0,
                new SymbolView.Counters(0, 0, 0, 0, 0, Map.of(), 0),
                List.of(), List.of(), Map.of(), List.of(), null, 0L);
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply get(String route) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(route.substring(1))).GET());
    }

    private Reply post(String route, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(route.substring(1)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply delete(String route) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(route.substring(1))).DELETE());
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return new Reply(response.statusCode(), mapper.readTree(response.body()));
    }

    private List<String> symbolsListed() throws IOException, InterruptedException {
        List<String> listed = new ArrayList<>();
        get("/api/symbols").json().path("symbols").forEach(entry -> listed.add(entry.path("symbol").asText()));
        return listed;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> names(JsonNode children) {
        List<String> names = new ArrayList<>();
        children.forEach(child -> names.add(child.path("name").asText()));
        return names;
    }

    private static JsonNode find(JsonNode children, String name) {
        for (JsonNode child : children) {
            if (child.path("name").asText().equals(name)) {
                return child;
            }
        }
        throw new AssertionError("no child named " + name + " in " + children);
    }
}
