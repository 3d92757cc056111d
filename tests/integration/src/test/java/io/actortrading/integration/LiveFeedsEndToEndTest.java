package io.actortrading.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.fakes.FakeEndpoint;
import io.actortrading.fakes.FakeMinute;
import io.actortrading.fakes.FakeSettings;
import io.actortrading.fakes.FakeTape;
import io.actortrading.fakes.ProviderFakes;
import io.actortrading.node.clock.MarketClock;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real node whose live feeds talk to the provider fakes over loopback sockets, exactly as they
 * would talk to Polygon, Yahoo, Alpha Vantage and Twelve Data, inspected through atctl. Market time
 * runs 60 times faster than wall time (a market minute a wall second) and is shared by the node
 * and the fakes, so a three-minute outage takes three seconds. Every timing this test measures is
 * printed, never asserted against a stopwatch beyond the generous waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveFeedsEndToEndTest {

    private static final double SPEED = 60.0;
    /** Wednesday 10:30 New York: an hour into the regular session, so warm-up history lies inside it. */
    private static final Instant MARKET_START = Instant.parse("2026-03-04T15:30:00Z");
    private static final long MINUTE = 60_000L;
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * Stale windows, poll intervals, backoffs and breaker timeouts are wall time; closing grace is
     * market time (10 s = 170 ms of wall time here).
     */
    private static final String NODE = FastMarket.NODE_TIMING + """
            actortrading.feeds.sources {
              per-symbol {
                "MSFT" = ["polygon", "yahoo"]
                "TSLA" = ["polygon"]
                "BTC-USD" = ["polygon", "twelvedata"]
                "NVDA" = ["yahoo"]
                "AAPL" = ["alphavantage"]
                "ETH-USD" = ["twelvedata"]
              }
            }
            actortrading.feeds.providers {
              defaults {
                enabled = on
                poll-interval = 1s
                breaker { max-failures = 3, reset-timeout = 4s, call-timeout = 5s }
                reconnect { min = 100ms, max = 400ms, random-factor = 0.2 }
                retry { max-attempts = 2, min = 100ms, max = 200ms }
                fatal-retry = 30s
              }
              polygon { stale-after = 2s, markets = ["stocks", "crypto"] }
              # A poll a wall second is a poll a market minute: the real daily limits would end the test early.
              yahoo { stale-after = 3s, request-timeout = 1s, rate-limits = [{ limit = 1000, per = 1m }] }
              alphavantage { stale-after = 3s, rate-limits = [{ limit = 1000, per = 1m }] }
              twelvedata { stale-after = 2s, mode = "websocket" }
            }
            """;
    private static final List<String> SYMBOLS = List.of("MSFT", "TSLA", "BTC-USD", "NVDA", "AAPL", "ETH-USD");

    private final ObjectMapper mapper = new ObjectMapper();
    private ProviderFakes fakes;
    private InProcessNode node;
    private String host;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        MarketClock clock = new MarketClock.Accelerated(MARKET_START.toEpochMilli(), SPEED, System.nanoTime());
        FakeTape tape = new FakeTape(7, 30);
        fakes = ProviderFakes.start(FakeSettings.defaults(), tape, () -> clock.now(Long.MIN_VALUE));

        Config providers = ConfigFactory.parseMap(Map.of(
                "actortrading.feeds.providers.polygon.rest-url", fakes.baseUrl(FakeEndpoint.POLYGON_REST),
                "actortrading.feeds.providers.polygon.ws-url", fakes.baseUrl(FakeEndpoint.POLYGON_WS),
                "actortrading.feeds.providers.polygon.api-key", FakeSettings.DEFAULT_POLYGON_KEY,
                "actortrading.feeds.providers.yahoo.rest-url", fakes.baseUrl(FakeEndpoint.YAHOO),
                "actortrading.feeds.providers.alphavantage.rest-url", fakes.baseUrl(FakeEndpoint.ALPHAVANTAGE),
                "actortrading.feeds.providers.alphavantage.api-key", FakeSettings.DEFAULT_ALPHAVANTAGE_KEY,
                "actortrading.feeds.providers.twelvedata.rest-url", fakes.baseUrl(FakeEndpoint.TWELVEDATA_REST),
                "actortrading.feeds.providers.twelvedata.ws-url", fakes.baseUrl(FakeEndpoint.TWELVEDATA_WS),
                "actortrading.feeds.providers.twelvedata.api-key", FakeSettings.DEFAULT_TWELVEDATA_KEY));
        node = InProcessNode.start(providers.withFallback(ConfigFactory.parseString(NODE))
                .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(SYMBOLS)), dataDir, clock);
        host = node.host();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (fakes != null) {
            fakes.close();
        }
    }

    @Test
    @Order(1)
    void everyProviderDeliversLiveBarsEqualToItsMarketAndAtctlShowsThem() {
        Map<String, String> expectedSource = Map.of("MSFT", "polygon", "BTC-USD", "polygon", "NVDA", "yahoo",
                "AAPL", "alphavantage", "ETH-USD", "twelvedata");
        long started = System.nanoTime();
        expectedSource.forEach((symbol, provider) -> await(symbol + " bars from " + provider)
                .atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                    List<JsonNode> minutes = closedMinutes(symbol);
                    assertThat(minutes.stream().filter(bar -> bar.path("source").asText("").equals(provider)).count())
                            .as(symbol + " closed 1m bars from " + provider).isGreaterThanOrEqualTo(3);
                }));
        System.out.printf("live bars from every provider after %d ms%n", millisSince(started));

        for (String symbol : List.of("MSFT", "NVDA", "AAPL", "BTC-USD")) {
            for (JsonNode bar : closedMinutes(symbol)) {
                FakeMinute expected = fakes.tape().minute(symbol, Instant.parse(bar.path("start").asText()).toEpochMilli());
                assertThat(bar.path("open").asDouble()).as(symbol + " open " + bar).isEqualTo(expected.open());
                assertThat(bar.path("high").asDouble()).as(symbol + " high " + bar).isEqualTo(expected.high());
                assertThat(bar.path("low").asDouble()).as(symbol + " low " + bar).isEqualTo(expected.low());
                assertThat(bar.path("close").asDouble()).as(symbol + " close " + bar).isEqualTo(expected.close());
                assertThat(bar.path("volume").asDouble()).as(symbol + " volume " + bar).isEqualTo(expected.volume());
            }
        }
        AtctlInvocation show = atctl("symbols", "show", "MSFT");
        assertThat(show.out()).contains("live source polygon  fallback order polygon > yahoo");
        JsonNode feeds = json("feeds", "show");
        List<String> connections = new ArrayList<>();
        feeds.path("feeds").forEach(feed -> {
            if (!feed.path("provider").isNull()) {
                connections.add(feed.path("source").asText());
            }
        });
        assertThat(connections).containsExactly("alphavantage", "polygon-crypto", "polygon-stocks", "twelvedata",
                "yahoo");
    }

    @Test
    @Order(2)
    void aSilentPreferredSourceFailsOverWithinItsStaleWindowAndFailsBackWhenItDeliversAgain() {
        fakes.faults(FakeEndpoint.POLYGON_WS).silence(true);
        long silent = System.nanoTime();
        await("MSFT fails over to yahoo").atMost(WAIT).pollInterval(POLL).until(() -> activeSource("MSFT").equals("yahoo"));
        long failedOver = millisSince(silent);
        long switchedAtMarket = marketNow();
        await("yahoo bars for MSFT after the switch").atMost(WAIT).pollInterval(POLL).untilAsserted(() ->
                assertThat(closedMinutes("MSFT")).anySatisfy(bar -> {
                    assertThat(bar.path("source").asText()).isEqualTo("yahoo");
                    assertThat(Instant.parse(bar.path("start").asText()).toEpochMilli())
                            .isGreaterThanOrEqualTo(switchedAtMarket - MINUTE);
                }));
        long firstFallbackBar = millisSince(silent);
        assertThat(activeSource("BTC-USD")).isEqualTo("twelvedata");

        fakes.faults(FakeEndpoint.POLYGON_WS).silence(false);
        long back = System.nanoTime();
        await("MSFT fails back to polygon").atMost(WAIT).pollInterval(POLL).until(() -> activeSource("MSFT").equals("polygon"));
        System.out.printf("failover: polygon silent -> MSFT on yahoo after %d ms (stale-after 2 s), first yahoo bar after %d ms;"
                + " polygon back -> failback after %d ms%n", failedOver, firstFallbackBar, millisSince(back));
        assertMinutesUnique("MSFT");
    }

    @Test
    @Order(3)
    void theBreakerOpensAfterTheConfiguredFailuresStopsConnectionAttemptsAndClosesAfterRecovery() {
        fakes.faults(FakeEndpoint.POLYGON_WS).refuseConnections(true);
        fakes.faults(FakeEndpoint.POLYGON_WS).dropConnections();
        long refused = System.nanoTime();
        await("polygon breaker open").atMost(WAIT).pollInterval(POLL).until(() -> "OPEN".equals(breaker("polygon-stocks")));
        long opened = millisSince(refused);
        long attemptsWhenOpen = fakes.requests(FakeEndpoint.POLYGON_WS);
        // While open (reset-timeout 4 s) nothing may reach the provider; the half-open probe comes after.
        await("no connection attempt while the breaker is open").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3)).pollInterval(POLL)
                .until(() -> fakes.requests(FakeEndpoint.POLYGON_WS) == attemptsWhenOpen);
        assertThat(atctl("feeds", "show").out()).contains("polygon-stocks").contains("OPEN");

        fakes.faults(FakeEndpoint.POLYGON_WS).refuseConnections(false);
        long recovered = System.nanoTime();
        await("polygon breaker closed and streaming").atMost(WAIT).pollInterval(POLL).until(() ->
                "CLOSED".equals(breaker("polygon-stocks")) && "STREAMING".equals(state("polygon-stocks")));
        System.out.printf("breaker: refused connections -> OPEN after %d ms (3 failures); %d attempts in total when it opened;"
                        + " provider back -> CLOSED after %d ms (reset-timeout 4 s)%n", opened, attemptsWhenOpen,
                millisSince(recovered));
    }

    @Test
    @Order(4)
    void barsAfterAThreeMinuteWebSocketOutageEqualTheRestAggregatesOfTheWholeSession() {
        await("TSLA streams").atMost(WAIT).pollInterval(POLL).until(() -> closedMinutes("TSLA").size() >= 3);
        fakes.faults(FakeEndpoint.POLYGON_WS).refuseConnections(true);
        fakes.faults(FakeEndpoint.POLYGON_WS).dropConnections();
        long outageStart = marketNow();
        await("three market minutes pass").atMost(WAIT).pollInterval(POLL)
                .until(() -> marketNow() >= outageStart + 3 * MINUTE);
        fakes.faults(FakeEndpoint.POLYGON_WS).refuseConnections(false);
        long reconnectAt = marketNow();
        long wallBack = System.nanoTime();

        long until = reconnectAt + 3 * MINUTE;
        await("TSLA has the minutes after the outage and its gap filled").atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            Map<Long, JsonNode> minutes = minutesByStart("TSLA");
            long first = minutes.keySet().stream().min(Long::compare).orElseThrow();
            long last = minutes.keySet().stream().max(Long::compare).orElseThrow();
            assertThat(last).isGreaterThanOrEqualTo(until);
            for (long start = first; start <= last; start += MINUTE) {
                assertThat(minutes).as("minute " + Instant.ofEpochMilli(start)).containsKey(start);
            }
        });
        long filled = millisSince(wallBack);
        Map<Long, JsonNode> minutes = minutesByStart("TSLA");
        assertMinutesUnique("TSLA");
        for (Map.Entry<Long, JsonNode> entry : minutes.entrySet()) {
            FakeMinute rest = fakes.tape().minute("TSLA", entry.getKey());
            JsonNode bar = entry.getValue();
            assertThat(new double[]{bar.path("open").asDouble(), bar.path("high").asDouble(), bar.path("low").asDouble(),
                    bar.path("close").asDouble(), bar.path("volume").asDouble()})
                    .as("TSLA " + Instant.ofEpochMilli(entry.getKey()) + " vs the REST aggregate")
                    .containsExactly(rest.open(), rest.high(), rest.low(), rest.close(), rest.volume());
        }
        System.out.printf("gap: WebSocket refused for 3 market minutes; %d one-minute bars of TSLA from %s to %s equal the"
                        + " REST aggregates, no minute missing or duplicated; complete %d ms after the provider came back%n",
                minutes.size(), Instant.ofEpochMilli(minutes.keySet().iterator().next()),
                Instant.ofEpochMilli(((TreeMap<Long, JsonNode>) minutes).lastKey()), filled);
    }

    @Test
    @Order(5)
    void garbageFromProvidersIsCountedAndNeverReachesASymbolsBars() {
        long garbageFrom = marketNow();
        fakes.faults(FakeEndpoint.POLYGON_WS).garbage(true);
        fakes.faults(FakeEndpoint.YAHOO).garbage(true);
        await("both feeds count malformed input").atMost(WAIT).pollInterval(POLL).until(() ->
                malformed("polygon-stocks") > 0 && malformed("yahoo") > 0);
        await("two market minutes of garbage").atMost(WAIT).pollInterval(POLL)
                .until(() -> marketNow() >= garbageFrom + 2 * MINUTE);
        fakes.faults(FakeEndpoint.POLYGON_WS).garbage(false);
        fakes.faults(FakeEndpoint.YAHOO).garbage(false);
        long cleanFrom = marketNow();

        await("TSLA and NVDA have clean minutes again").atMost(WAIT).pollInterval(POLL).until(() ->
                minutesByStart("TSLA").keySet().stream().anyMatch(start -> start > cleanFrom + MINUTE)
                        && minutesByStart("NVDA").keySet().stream().anyMatch(start -> start > cleanFrom + MINUTE));
        for (String symbol : List.of("TSLA", "NVDA")) {
            assertMinutesUnique(symbol);
            minutesByStart(symbol).forEach((start, bar) -> {
                FakeMinute market = fakes.tape().minute(symbol, start);
                String minute = symbol + " " + Instant.ofEpochMilli(start);
                assertThat(bar.path("high").asDouble()).as(minute + " high").isLessThanOrEqualTo(market.high());
                assertThat(bar.path("low").asDouble()).as(minute + " low").isGreaterThanOrEqualTo(market.low());
                assertThat(bar.path("volume").asDouble()).as(minute + " volume").isLessThanOrEqualTo(market.volume());
            });
        }
        assertThat(state("polygon-stocks")).isEqualTo("STREAMING");
        assertThat(state("yahoo")).isEqualTo("POLLING");
        System.out.printf("garbage: %d malformed frames from polygon-stocks and %d malformed replies from yahoo were counted;"
                + " no bar holds anything the market did not trade%n", malformed("polygon-stocks"), malformed("yahoo"));
    }

    @Test
    @Order(6)
    void aSymbolAddedAtRuntimeWithItsOwnSourceOrderIsWarmedUpBeforeItIsReadyAndStreamsWithoutAReconnect() {
        long connectionsBefore = fakes.requests(FakeEndpoint.POLYGON_WS);
        long added = System.nanoTime();
        atctl("symbols", "add", "SPY", "--sources", "polygon,yahoo");

        await("SPY ready").atMost(WAIT).pollInterval(POLL).until(() -> json("symbols", "show", "SPY").path("ready").asBoolean());
        long ready = millisSince(added);
        JsonNode spy = json("symbols", "show", "SPY");
        assertThat(texts(spy.path("liveSources").path("order"))).containsExactly("polygon", "yahoo");
        assertThat(spy.path("liveSources").path("active").asText()).isEqualTo("polygon");
        assertThat(spy.path("gaps").path("filled").asLong()).as("the warm-up was merged").isPositive();
        Map<Long, JsonNode> minutes = minutesByStart("SPY");
        assertThat(minutes.size()).as("history for the 50-bar feature window").isGreaterThanOrEqualTo(50);
        minutes.forEach((start, bar) -> assertThat(bar.path("close").asDouble())
                .as("SPY " + Instant.ofEpochMilli(start)).isEqualTo(fakes.tape().minute("SPY", start).close()));
        spy.path("indicators").path("1m").forEach(value -> assertThat(value.isNumber()).as("1m indicator").isTrue());
        assertThat(fakes.requests(FakeEndpoint.POLYGON_WS)).as("subscribed on the open connection").isEqualTo(connectionsBefore);
        System.out.printf("runtime add: SPY ready with %d warm-up minutes %d ms after atctl symbols add%n",
                minutes.size(), ready);
    }

    @Test
    @Order(7)
    void throttledAndStalledPollsAreCountedAndTheSymbolsCatchUpWithEveryMinuteAfterwards() {
        long before = marketNow();
        fakes.faults(FakeEndpoint.ALPHAVANTAGE).throttle(true);
        fakes.faults(FakeEndpoint.YAHOO).stall(true);
        await("throttling and timeouts counted").atMost(WAIT).pollInterval(POLL).until(() ->
                errors("alphavantage", "THROTTLED") > 0 && errors("yahoo", "TRANSIENT") > 0);
        fakes.faults(FakeEndpoint.ALPHAVANTAGE).throttle(false);
        fakes.faults(FakeEndpoint.YAHOO).stall(false);
        long recovered = marketNow();
        long wallBack = System.nanoTime();

        for (String symbol : List.of("AAPL", "NVDA")) {
            await(symbol + " caught up").atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
                Map<Long, JsonNode> minutes = minutesByStart(symbol);
                for (long start = FakeTape.minuteStart(before); start <= FakeTape.minuteStart(recovered); start += MINUTE) {
                    assertThat(minutes).as(symbol + " " + Instant.ofEpochMilli(start)).containsKey(start);
                }
            });
            assertMinutesUnique(symbol);
            minutesByStart(symbol).forEach((start, bar) -> assertThat(bar.path("close").asDouble())
                    .as(symbol + " " + Instant.ofEpochMilli(start)).isEqualTo(fakes.tape().minute(symbol, start).close()));
        }
        System.out.printf("throttle/stall: alphavantage THROTTLED %d, yahoo TRANSIENT %d; AAPL and NVDA had every minute again"
                + " %d ms after the providers recovered%n", errors("alphavantage", "THROTTLED"), errors("yahoo", "TRANSIENT"),
                millisSince(wallBack));
    }

    private long errors(String connection, String kind) {
        return feed(connection).path("errors").path(kind).asLong(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    /** Malformed input a feed counted, whatever its error kinds are called. */
    private long malformed(String connection) {
        long count = 0;
        var errors = feed(connection).path("errors").fields();
        while (errors.hasNext()) {
            var error = errors.next();
            if (error.getKey().contains("MALFORMED")) {
                count += error.getValue().asLong();
            }
        }
        return count;
    }

    private long marketNow() {
        return fakes.marketNow();
    }

    private String activeSource(String symbol) {
        return json("symbols", "show", symbol).path("liveSources").path("active").asText("");
    }

    private String breaker(String connection) {
        return feed(connection).path("breaker").asText("");
    }

    private String state(String connection) {
        return feed(connection).path("state").asText("");
    }

    private JsonNode feed(String connection) {
        for (JsonNode feed : json("feeds", "show").path("feeds")) {
            if (feed.path("source").asText().equals(connection)) {
                return feed;
            }
        }
        return mapper.missingNode();
    }

    private List<JsonNode> closedMinutes(String symbol) {
        List<JsonNode> minutes = new ArrayList<>();
        json("symbols", "show", symbol).path("closed").forEach(bar -> {
            if (bar.path("timeframe").asText().equals("1m")) {
                minutes.add(bar);
            }
        });
        return minutes;
    }

    private Map<Long, JsonNode> minutesByStart(String symbol) {
        Map<Long, JsonNode> byStart = new TreeMap<>();
        closedMinutes(symbol).forEach(bar -> byStart.put(Instant.parse(bar.path("start").asText()).toEpochMilli(), bar));
        return byStart;
    }

    private void assertMinutesUnique(String symbol) {
        List<JsonNode> minutes = closedMinutes(symbol);
        assertThat(minutes.stream().map(bar -> bar.path("start").asText()).distinct().count())
                .as(symbol + " has each minute once").isEqualTo(minutes.size());
    }

    /** atctl's {@code --json} output of a command that must succeed. */
    private JsonNode json(String... command) {
        String[] args = new String[command.length + 1];
        args[0] = "--json";
        System.arraycopy(command, 0, args, 1, command.length);
        AtctlInvocation result = atctl(args);
        try {
            return mapper.readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError("atctl printed no JSON: " + result.out(), e);
        }
    }

    private AtctlInvocation atctl(String... args) {
        return AtctlInvocation.succeeding(host, args);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
