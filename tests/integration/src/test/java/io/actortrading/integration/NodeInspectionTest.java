package io.actortrading.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real single node started in-process as {@code bin/actortrading node} starts one (H2 journal,
 * LMDB-backed registry, sharding, the synthetic feed on an accelerated market clock, the inspection
 * endpoint), driven through atctl exactly as an operator would drive it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeInspectionTest {

    private static final List<String> CONFIGURED = List.of("NVDA", "MSFT", "BTC-USD");
    private static final List<String> INDICATORS = List.of("sma_20", "ema_12", "ema_26", "rsi_14", "macd",
            "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr_14", "vwap_session", "obv",
            "stddev_20");
    private static final List<String> BAR_FIELDS = List.of("symbol", "timeframe", "start", "end", "open", "high",
            "low", "close", "volume", "vwap", "trades", "source");
    /** Bars close, indicators warm up and new symbols get prices within seconds at this market speed. */
    private static final Duration DATA_ARRIVES = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(250);

    /**
     * Five market minutes a wall second: the 35 one-minute bars MACD's signal needs close in about
     * seven seconds, well inside the regular session the clock starts at. Symbols check the clock
     * often so that each minute closes soon after it ends, and the close grace is a few wall
     * milliseconds of market time.
     */
    private static final String NODE = """
            pekko.loglevel = WARNING
            actortrading.clock {
              mode = "accelerated"
              speed = 300
              start = "2026-03-02T09:30:00-05:00"
            }
            actortrading.symbol.close-grace = 10s
            actortrading.symbol.clock-interval = 100ms
            actortrading.feeds.synthetic {
              enabled = on
              ticks-per-second = 3000
            }
            """;

    private final ObjectMapper mapper = new ObjectMapper();
    private InProcessNode node;
    private String host;

    @BeforeAll
    void startNode(@TempDir Path dataDir) {
        node = InProcessNode.start(ConfigFactory.parseString(NODE)
                .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(CONFIGURED)), dataDir, null);
        host = node.host();
    }

    @AfterAll
    void stopNode() {
        node.close();
    }

    @Test
    @Order(1)
    void listsTheConfiguredSymbols() {
        JsonNode listing = json("symbols", "list");

        assertThat(texts(listing.path("symbols"), "symbol")).containsAll(CONFIGURED);
        AtctlInvocation table = atctl("symbols", "list");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains(CONFIGURED);
    }

    @Test
    @Order(2)
    void showsClosedBarsAndWarmIndicatorsOfASymbol() {
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
            JsonNode nvda = json("symbols", "show", "NVDA");
            assertThat(nvda.path("lastPrice").isNumber()).as("lastPrice").isTrue();
            assertThat(texts(nvda.path("closed"), "timeframe")).contains("1m", "5m");
            JsonNode oneMinute = nvda.path("indicators").path("1m");
            for (String name : INDICATORS) {
                assertThat(oneMinute.path(name).isNumber()).as("1m " + name + " in " + oneMinute).isTrue();
            }
        });
        JsonNode nvda = json("symbols", "show", "NVDA");
        for (JsonNode bar : nvda.path("closed")) {
            assertThat(fieldNames(bar)).containsExactlyElementsOf(BAR_FIELDS);
            assertThat(bar.path("symbol").asText()).isEqualTo("NVDA");
            assertThat(bar.path("low").asDouble()).isLessThanOrEqualTo(bar.path("high").asDouble());
        }
        assertThat(nvda.path("counters").path("barsClosed").asLong()).isPositive();
    }

    @Test
    @Order(3)
    void regionStatsShowTheSymbolEntities() {
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
            JsonNode stats = json("shards", "region-stats");
            List<JsonNode> symbolRegions = new ArrayList<>();
            stats.path("regions").forEach(region -> {
                if (region.path("type").asText().equals("symbol")) {
                    symbolRegions.add(region);
                }
            });
            assertThat(symbolRegions).as(stats.toString()).hasSize(1);
            assertThat(symbolRegions.get(0).path("entities").asLong()).isGreaterThanOrEqualTo(CONFIGURED.size());
        });
    }

    @Test
    @Order(4)
    void addedSymbolIsRegisteredAndGetsPrices() {
        AtctlInvocation added = atctl("symbols", "add", "TSLA");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(texts(json("symbols", "list").path("symbols"), "symbol")).contains("TSLA");
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() ->
                assertThat(json("symbols", "show", "TSLA").path("lastPrice").isNumber()).isTrue());
    }

    @Test
    @Order(5)
    void unknownSymbolIsRefusedWithItsName() {
        AtctlInvocation shown = atctl("symbols", "show", "NOPE");

        assertThat(shown.exitCode()).isEqualTo(2);
        assertThat(shown.out()).isEmpty();
        assertThat(shown.err()).contains("unknown symbol NOPE");
    }

    @Test
    @Order(6)
    void feedsShowTheSyntheticSourceRunning() {
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
            JsonNode feeds = json("feeds", "show");
            JsonNode synthetic = null;
            for (JsonNode feed : feeds.path("feeds")) {
                if (feed.path("source").asText().equals("synthetic")) {
                    synthetic = feed;
                }
            }
            assertThat(synthetic).as(feeds.toString()).isNotNull();
            assertThat(synthetic.path("state").asText()).isEqualTo("running");
            assertThat(feeds.path("router").path("routed").asLong()).isPositive();
        });
    }

    @Test
    @Order(7)
    void actorTreeShowsTheNodesActors() {
        JsonNode tree = json("actors", "tree");

        assertThat(tree.path("root").path("name").asText()).isEqualTo("user");
        assertThat(texts(tree.path("root").path("children"), "name"))
                .contains("symbol-registry", "feed-router", "feeds");
        AtctlInvocation table = atctl("actors", "tree");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("feed-router");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterTheNodeStopsAtctlSaysSoOnOneLine() {
        node.close();

        AtctlInvocation listed = atctl("symbols", "list");

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.out()).isEmpty();
        assertThat(listed.err().lines()).singleElement().asString().startsWith("atctl: ");
    }

    private AtctlInvocation atctl(String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "--host";
        args[1] = host;
        System.arraycopy(command, 0, args, 2, command.length);
        return AtctlInvocation.run(args);
    }

    /** atctl's {@code --json} output of a command that must succeed. */
    private JsonNode json(String... command) {
        String[] args = new String[command.length + 1];
        args[0] = "--json";
        System.arraycopy(command, 0, args, 1, command.length);
        AtctlInvocation run = atctl(args);
        assertThat(run.exitCode()).as("atctl %s: %s", String.join(" ", command), run.err()).isZero();
        try {
            return mapper.readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError("atctl --json printed no JSON: " + run.out(), e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.path(field).asText()));
        return texts;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A port nothing listens on right now; the management endpoint binds it a moment later. */
}
