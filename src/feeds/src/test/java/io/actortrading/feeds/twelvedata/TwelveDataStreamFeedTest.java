package io.actortrading.feeds.twelvedata;

import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.ProviderSocketServer;
import io.actortrading.feeds.live.SourceHealth;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.feeds.live.StreamFeed;
import io.actortrading.feeds.live.StreamFeedRig;
import io.actortrading.market.Tick;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.actortrading.feeds.live.StreamFeedRig.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TwelveDataStreamFeedTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    private static final String KEY = "td-secret-key-42";
    private static final String HEARTBEAT = "{\"action\":\"heartbeat\"}";
    private static final String FAST = """
            api-key = "%s"
            heartbeat = 200ms
            reconnect { min = 200ms, max = 400ms, random-factor = 0.2 }
            breaker { max-failures = 3, call-timeout = 3s, reset-timeout = 1s }
            fatal-retry = 60s
            idle-timeout = 30s
            """.formatted(KEY);

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void subscribesEverySymbolAsSoonAsTheSocketIsOpenWithTheKeyInTheUrl() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, new TwelveDataScript())) {
            ActorRef<StreamFeed.Command> feed = KIT.spawn(TwelveDataStreamFeed.create(rig.env));
            TwelveDataStreamFeed.handle(feed).assign(Set.of("BTC-USD", "AAPL", "EUR/USD"));

            List<SourceHealth> transitions = rig.healthUntil(ConnectionState.STREAMING);

            assertThat(transitions).extracting(SourceHealth::state).containsExactly(ConnectionState.IDLE,
                    ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.STREAMING);
            assertThat(transitions).allSatisfy(health -> {
                assertThat(health.connection()).isEqualTo("twelvedata");
                assertThat(health.detail()).doesNotContain(KEY);
            });
            assertThat(rig.server.latest().uri()).endsWith("/v1/quotes/price?apikey=" + KEY);
            assertThat(rig.server.latest().frames().get(0))
                    .isEqualTo("{\"action\":\"subscribe\",\"params\":{\"symbols\":\"AAPL,BTC/USD,EUR/USD\"}}");
            assertThat(rig.status(feed).subscribed()).containsExactly("AAPL", "BTC-USD", "EUR/USD");
            KIT.stop(feed);
        }
    }

    @Test
    void priceEventsBecomeTicksInTheOutput() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, new TwelveDataScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(TwelveDataStreamFeed.create(rig.env), "BTC-USD");

            rig.server.latest().send("{\"event\":\"price\",\"symbol\":\"BTC/USD\",\"currency_base\":\"Bitcoin\","
                    + "\"exchange\":\"Coinbase Pro\",\"type\":\"Digital Currency\",\"timestamp\":1684508044,"
                    + "\"price\":26890.5}");

            assertThat(rig.events.receiveMessage(PATIENCE)).isInstanceOfSatisfying(Tick.class, tick -> {
                assertThat(tick.symbol()).isEqualTo("BTC-USD");
                assertThat(tick.price()).isEqualTo(26890.5);
                assertThat(tick.timestamp()).isEqualTo(1_684_508_044_000L);
                assertThat(tick.source()).isEqualTo("twelvedata");
            });
            await().atMost(PATIENCE).until(() -> rig.status(feed).messages() == 1);
            KIT.stop(feed);
        }
    }

    @Test
    void refusedSymbolsAreCountedShownAndNotAskedForAgain() throws Exception {
        TwelveDataScript script = new TwelveDataScript();
        script.refused = "ZZZZ";
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, script)) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(TwelveDataStreamFeed.create(rig.env), "AAPL", "ZZZZ");
            await().atMost(PATIENCE).until(() -> rig.status(feed).errors().containsKey("SUBSCRIBE_FAILED"));
            assertThat(rig.status(feed).lastError()).contains("ZZZZ");

            feed.tell(new StreamFeed.Subscribe(Set.of("AAPL", "ZZZZ", "MSFT")));
            await().atMost(PATIENCE).until(() -> subscriptions(rig.server.latest()).size() == 2);
            rig.server.latest().close();
            rig.healthUntil(ConnectionState.BACKOFF);
            rig.healthUntil(ConnectionState.STREAMING);
            await().atMost(PATIENCE).until(() -> subscriptions(rig.server.latest()).size() == 1);

            assertThat(subscriptions(rig.server.connections().get(0))).containsExactly(
                    "{\"action\":\"subscribe\",\"params\":{\"symbols\":\"AAPL,ZZZZ\"}}",
                    "{\"action\":\"subscribe\",\"params\":{\"symbols\":\"MSFT\"}}");
            assertThat(subscriptions(rig.server.latest())).containsExactly(
                    "{\"action\":\"subscribe\",\"params\":{\"symbols\":\"AAPL,MSFT\"}}");
            SourceStatus status = rig.status(feed);
            assertThat(status.errors()).containsEntry("SUBSCRIBE_FAILED", 1L);
            assertThat(status.subscribed()).containsExactly("AAPL", "MSFT");
            KIT.stop(feed);
        }
    }

    @Test
    void aHeartbeatGoesOutEveryInterval() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, new TwelveDataScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(TwelveDataStreamFeed.create(rig.env), "AAPL");

            await().atMost(PATIENCE).until(() -> heartbeatTimes(rig.server.latest()).size() >= 6);

            List<Long> times = heartbeatTimes(rig.server.latest());
            List<Long> gapsMillis = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gapsMillis.add((times.get(i) - times.get(i - 1)) / 1_000_000);
            }
            double averageGap = gapsMillis.stream().mapToLong(Long::longValue).average().orElseThrow();
            assertThat(averageGap).as("heartbeat = 200ms, gaps %s", gapsMillis).isBetween(150.0, 300.0);
            KIT.stop(feed);
        }
    }

    @Test
    void anErrorRefusingTheKeyIsFatalAndTheKeyNeverShows() throws Exception {
        TwelveDataScript script = new TwelveDataScript();
        script.badKey = true;
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, script)) {
            ActorRef<StreamFeed.Command> feed = rig.spawn(TwelveDataStreamFeed.create(rig.env), "AAPL");

            List<SourceHealth> transitions = rig.healthUntil(ConnectionState.FAILED);

            assertThat(transitions.get(transitions.size() - 1).detail()).contains("401")
                    .contains("TWELVEDATA_API_KEY").doesNotContain(KEY);
            await().during(Duration.ofMillis(1_000)).atMost(PATIENCE).until(() -> rig.server.attempts() == 1);
            SourceStatus status = rig.status(feed);
            assertThat(status.errors()).containsEntry("AUTH_FAILED", 1L);
            assertThat(status.lastError()).contains("apikey").doesNotContain(KEY);
            KIT.stop(feed);
        }
    }

    @Test
    void aDropReconnectsAndSubscribesEverythingAgain() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, new TwelveDataScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(TwelveDataStreamFeed.create(rig.env), "AAPL", "BTC-USD");

            rig.server.latest().close();

            assertThat(rig.healthUntil(ConnectionState.STREAMING)).extracting(SourceHealth::state)
                    .startsWith(ConnectionState.BACKOFF);
            await().atMost(PATIENCE).until(() -> rig.server.connections().size() == 2
                    && !subscriptions(rig.server.latest()).isEmpty());
            assertThat(subscriptions(rig.server.latest())).containsExactly(
                    "{\"action\":\"subscribe\",\"params\":{\"symbols\":\"AAPL,BTC/USD\"}}");
            SourceStatus status = rig.status(feed);
            assertThat(status.reconnects()).isEqualTo(1);
            assertThat(status.errors()).containsEntry("DISCONNECTED", 1L);
            KIT.stop(feed);
        }
    }

    @Test
    void theKeyIsRedactedFromUrlsAndMessages() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "twelvedata", FAST, new TwelveDataScript())) {
            TwelveDataStreamFeed dialect = new TwelveDataStreamFeed(rig.env);

            assertThat(dialect.redact(dialect.url())).endsWith("/v1/quotes/price?apikey=***").doesNotContain(KEY);
            assertThat(dialect.redact("GET /x?symbol=AAPL&apikey=other-key&format=json"))
                    .isEqualTo("GET /x?symbol=AAPL&apikey=***&format=json");
            assertThat(dialect.redact("echoed " + KEY + " back")).isEqualTo("echoed *** back");
        }
    }

    private static List<String> subscriptions(ProviderSocketServer.Connection connection) {
        return connection.frames().stream().filter(frame -> !frame.equals(HEARTBEAT)).collect(Collectors.toList());
    }

    private static List<Long> heartbeatTimes(ProviderSocketServer.Connection connection) {
        List<String> frames = connection.frames();
        List<Long> times = connection.frameTimes();
        List<Long> heartbeats = new ArrayList<>();
        for (int i = 0; i < Math.min(frames.size(), times.size()); i++) {
            if (frames.get(i).equals(HEARTBEAT)) {
                heartbeats.add(times.get(i));
            }
        }
        return heartbeats;
    }

    /** Twelve Data's side: acknowledges subscriptions (refusing one symbol if told), answers heartbeats. */
    private static final class TwelveDataScript implements ProviderSocketServer.Script {

        volatile String refused = "";
        volatile boolean badKey;

        @Override
        public void opened(ProviderSocketServer.Connection connection) {
            if (badKey) {
                connection.send("{\"code\":401,\"message\":\"**apikey** parameter is incorrect or not specified.\","
                        + "\"status\":\"error\"}");
            }
        }

        @Override
        public void received(ProviderSocketServer.Connection connection, String frame) {
            if (frame.equals(HEARTBEAT)) {
                connection.send("{\"event\":\"heartbeat\",\"status\":\"ok\"}");
            } else if (frame.contains("\"action\":\"subscribe\"")) {
                String symbols = frame.replaceAll(".*\"symbols\":\"([^\"]*)\".*", "$1");
                List<String> success = new ArrayList<>();
                List<String> fails = new ArrayList<>();
                for (String symbol : symbols.split(",")) {
                    (symbol.equals(refused) ? fails : success).add("{\"symbol\":\"" + symbol + "\"}");
                }
                connection.send("{\"event\":\"subscribe-status\",\"status\":\"" + (fails.isEmpty() ? "ok" : "error")
                        + "\",\"success\":[" + String.join(",", success) + "],\"fails\":"
                        + (fails.isEmpty() ? "null" : "[" + String.join(",", fails) + "]") + "}");
            }
        }
    }
}
