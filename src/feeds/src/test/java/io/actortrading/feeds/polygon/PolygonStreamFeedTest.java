package io.actortrading.feeds.polygon;

import com.typesafe.config.Config;
import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.ProviderSocketServer;
import io.actortrading.feeds.live.SourceHealth;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.feeds.live.StreamFeed;
import io.actortrading.feeds.live.StreamFeedRig;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.actortrading.feeds.live.StreamFeedRig.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolygonStreamFeedTest {

    /** US equities trade: a quiet socket is suspicious. */
    private static final long WEDNESDAY_MIDDAY_NEW_YORK = Instant.parse("2026-03-04T17:00:00Z").toEpochMilli();
    /** US equities do not trade: a quiet socket is normal. */
    private static final long WEDNESDAY_MIDNIGHT_NEW_YORK = Instant.parse("2026-03-05T05:00:00Z").toEpochMilli();

    private static final ActorTestKit KIT = ActorTestKit.create();

    private static final String KEY = "pk-secret-0123456789";
    /** Short waits so the suite stays fast; the idle timeout is long unless a test is about it. */
    private static final String FAST = """
            api-key = "%s"
            reconnect { min = 200ms, max = 400ms, random-factor = 0.2 }
            breaker { max-failures = 3, call-timeout = 3s, reset-timeout = 1s }
            fatal-retry = 60s
            idle-timeout = 30s
            """.formatted(KEY);

    private static final String CONNECTED = status("connected", "Connected Successfully");
    private static final String AUTH_FRAME = "{\"action\":\"auth\",\"params\":\"" + KEY + "\"}";
    private static final long TRADE_TIME = 1_772_461_800_000L;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void authenticatesOnTheGreetingThenSubscribesTradesAndMinuteBarsOfEverySymbol() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.spawn(stocks(rig), "MSFT", "AAPL", "BTC-USD");

            List<SourceHealth> transitions = rig.healthUntil(ConnectionState.STREAMING);

            assertThat(transitions).extracting(SourceHealth::state).containsExactly(ConnectionState.IDLE,
                    ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.STREAMING);
            assertThat(transitions).allSatisfy(health -> {
                assertThat(health.provider()).isEqualTo("polygon");
                assertThat(health.connection()).isEqualTo("polygon-stocks");
                assertThat(health.breaker()).isEqualTo(BreakerState.CLOSED);
                assertThat(health.detail()).doesNotContain(KEY);
            });
            await().atMost(PATIENCE).until(() -> rig.server.latest().frames().size() == 2);
            assertThat(rig.server.latest().uri()).endsWith("/stocks");
            assertThat(rig.server.latest().frames()).containsExactly(AUTH_FRAME,
                    "{\"action\":\"subscribe\",\"params\":\"T.AAPL,AM.AAPL,T.MSFT,AM.MSFT\"}");
            SourceStatus status = rig.status(feed);
            assertThat(status.subscribed()).containsExactly("AAPL", "MSFT");
            assertThat(status.budgetRemaining()).as("the socket spends none of the REST budget (5/min)").isEqualTo(5);
            KIT.stop(feed);
        }
    }

    @Test
    void theCryptoConnectionSubscribesCryptoTradesAndMinuteBarsInTheSocketSpelling() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = KIT.spawn(PolygonStreamFeed.create(rig.env, "crypto"));
            PolygonStreamFeed.handle(feed, "crypto").assign(Set.of("BTC-USD", "AAPL", "ETH-USD"));

            rig.healthUntil(ConnectionState.STREAMING);

            await().atMost(PATIENCE).until(() -> rig.server.latest().frames().size() == 2);
            assertThat(rig.server.latest().uri()).endsWith("/crypto");
            assertThat(rig.server.latest().frames()).containsExactly(AUTH_FRAME,
                    "{\"action\":\"subscribe\",\"params\":\"XT.BTC-USD,XA.BTC-USD,XT.ETH-USD,XA.ETH-USD\"}");
            assertThat(PolygonStreamFeed.handle(feed, "crypto").connection()).isEqualTo("polygon-crypto");
            KIT.stop(feed);
        }
    }

    @Test
    void tradesAndMinuteBarsFlowIntoTheOutputAndAreCounted() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL");

            rig.server.latest().send("[" + trade("AAPL", 190.5) + ","
                    + "{\"ev\":\"AM\",\"sym\":\"AAPL\",\"v\":4110,\"o\":190.1,\"c\":190.5,\"h\":190.6,\"l\":190.0,"
                    + "\"vw\":190.3,\"s\":1772461740000,\"e\":1772461800000}]");

            MarketEvent first = rig.events.receiveMessage(PATIENCE);
            MarketEvent second = rig.events.receiveMessage(PATIENCE);
            assertThat(first).isInstanceOfSatisfying(Tick.class, tick -> {
                assertThat(tick.symbol()).isEqualTo("AAPL");
                assertThat(tick.price()).isEqualTo(190.5);
                assertThat(tick.source()).isEqualTo("polygon");
            });
            assertThat(second).isInstanceOfSatisfying(Bar.class, bar -> assertThat(bar.close()).isEqualTo(190.5));
            await().atMost(PATIENCE).untilAsserted(() -> {
                SourceStatus status = rig.status(feed);
                assertThat(status.messages()).isEqualTo(2);
                assertThat(status.lastMessageAtMillis()).isPositive();
                assertThat(status.state()).isEqualTo(ConnectionState.STREAMING);
            });
            KIT.stop(feed);
        }
    }

    @Test
    void runtimeSubscriptionChangesGoOutAsFramesOnTheOpenConnection() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL", "MSFT");

            feed.tell(new StreamFeed.Subscribe(Set.of("AAPL", "NVDA")));

            await().atMost(PATIENCE).until(() -> rig.server.latest().frames().size() == 4);
            assertThat(rig.server.latest().frames().subList(2, 4)).containsExactly(
                    "{\"action\":\"unsubscribe\",\"params\":\"T.MSFT,AM.MSFT\"}",
                    "{\"action\":\"subscribe\",\"params\":\"T.NVDA,AM.NVDA\"}");
            assertThat(rig.server.attempts()).isEqualTo(1);
            assertThat(rig.status(feed).subscribed()).containsExactly("AAPL", "NVDA");
            assertThat(rig.status(feed).reconnects()).isZero();
            KIT.stop(feed);
        }
    }

    @Test
    void removingEverySymbolUnsubscribesAndClosesTheConnection() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL");

            feed.tell(new StreamFeed.Subscribe(Set.of()));

            assertThat(rig.healthUntil(ConnectionState.IDLE)).hasSize(1);
            await().atMost(PATIENCE).until(() -> rig.server.latest().frames().size() == 3);
            assertThat(rig.server.latest().frames().get(2))
                    .isEqualTo("{\"action\":\"unsubscribe\",\"params\":\"T.AAPL,AM.AAPL\"}");
            await().during(Duration.ofMillis(600)).atMost(PATIENCE).until(() -> rig.server.attempts() == 1);
            KIT.stop(feed);
        }
    }

    @Test
    void aDropReconnectsAfterABackoffAndSubscribesEverythingAgain() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL", "MSFT");
            feed.tell(new StreamFeed.Subscribe(Set.of("AAPL", "MSFT", "NVDA")));
            await().atMost(PATIENCE).until(() -> rig.server.latest().frames().size() == 3);

            long dropped = System.nanoTime();
            rig.server.latest().close();

            List<SourceHealth> transitions = rig.healthUntil(ConnectionState.STREAMING);
            assertThat(transitions).extracting(SourceHealth::state).containsExactly(ConnectionState.BACKOFF,
                    ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.STREAMING);
            long waitedMillis = (rig.server.attemptTimes().get(1) - dropped) / 1_000_000;
            assertThat(waitedMillis).as("first backoff: 200 ms +-20 %").isBetween(160L, 2_000L);
            await().atMost(PATIENCE).until(() -> rig.server.connections().size() == 2
                    && rig.server.latest().frames().size() == 2);
            assertThat(rig.server.latest().frames()).containsExactly(AUTH_FRAME,
                    "{\"action\":\"subscribe\",\"params\":\"T.AAPL,AM.AAPL,T.MSFT,AM.MSFT,T.NVDA,AM.NVDA\"}");
            SourceStatus status = rig.status(feed);
            assertThat(status.reconnects()).isEqualTo(1);
            assertThat(status.errors()).containsEntry("DISCONNECTED", 1L);
            assertThat(status.lastError()).contains("closed").doesNotContain(KEY);
            KIT.stop(feed);
        }
    }

    @Test
    void authFailedIsFatalAndNotRetriedBeforeFatalRetry() throws Exception {
        PolygonScript script = new PolygonScript();
        script.acceptKey = false;
        String overrides = FAST + "fatal-retry = 1500ms\n";
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", overrides, script)) {
            ActorRef<StreamFeed.Command> feed = rig.spawn(stocks(rig), "AAPL");

            List<SourceHealth> transitions = rig.healthUntil(ConnectionState.FAILED);

            SourceHealth failed = transitions.get(transitions.size() - 1);
            assertThat(failed.detail()).contains("auth_failed").contains("POLYGON_API_KEY").doesNotContain(KEY);
            await().during(Duration.ofMillis(1_000)).atMost(Duration.ofMillis(1_400))
                    .until(() -> rig.server.attempts() == 1);
            SourceStatus status = rig.status(feed);
            assertThat(status.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(status.errors()).containsEntry("AUTH_FAILED", 1L);
            assertThat(status.lastError()).contains("authentication failed").doesNotContain(KEY);
            await().atMost(PATIENCE).until(() -> rig.server.attempts() == 2);
            List<Long> attempts = rig.server.attemptTimes();
            assertThat((attempts.get(1) - attempts.get(0)) / 1_000_000).isGreaterThanOrEqualTo(1_500L);
            KIT.stop(feed);
        }
    }

    @Test
    void aRefusedKeyIsLoggedOnceByItsVariableAndNeverByItsValue() throws Exception {
        PolygonScript script = new PolygonScript();
        script.acceptKey = false;
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, script)) {
            LoggingTestKit.custom(event -> event.message().contains(KEY)).withOccurrences(0).expect(KIT.system(),
                    () -> LoggingTestKit.error("POLYGON_API_KEY").withOccurrences(1).expect(KIT.system(), () -> {
                        ActorRef<StreamFeed.Command> feed = rig.spawn(stocks(rig), "AAPL");
                        rig.healthUntil(ConnectionState.FAILED);
                        feed.tell(new StreamFeed.Subscribe(Set.of("AAPL", "MSFT")));
                        return feed;
                    }));
        }
    }

    @Test
    void aMissingKeyFailsWithoutConnectingAndNamesTheVariable() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST + "api-key = \"\"\n", new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.spawn(stocks(rig), "AAPL");

            List<SourceHealth> transitions = rig.healthUntil(ConnectionState.FAILED);

            assertThat(transitions.get(transitions.size() - 1).detail()).contains("POLYGON_API_KEY");
            await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> rig.server.attempts() == 0);
            KIT.stop(feed);
        }
    }

    @Test
    void theBreakerOpensAfterMaxFailuresStopsAttemptsAndOneProbeClosesIt() throws Exception {
        String overrides = FAST + "reconnect { min = 50ms, max = 100ms }\n";
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", overrides, new PolygonScript())) {
            rig.server.refuse(true);
            ActorRef<StreamFeed.Command> feed = rig.spawn(stocks(rig), "AAPL");

            List<SourceHealth> opening = rig.healthUntil(ConnectionState.BREAKER_OPEN);

            assertThat(opening).extracting(SourceHealth::state).contains(ConnectionState.CONNECTING,
                    ConnectionState.BACKOFF);
            assertThat(rig.status(feed).breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(rig.server.attempts()).isEqualTo(3);
            rig.server.refuse(false);
            List<SourceHealth> closing = rig.health.fishForMessage(PATIENCE,
                    health -> health.state() == ConnectionState.STREAMING && health.breaker() == BreakerState.CLOSED
                            ? FishingOutcomes.complete()
                            : FishingOutcomes.continueAndCollect());
            assertThat(closing).extracting(SourceHealth::breaker).contains(BreakerState.HALF_OPEN);
            assertThat(rig.server.attempts()).as("one probe").isEqualTo(4);
            List<Long> attempts = rig.server.attemptTimes();
            long probeAfterMillis = (attempts.get(3) - attempts.get(2)) / 1_000_000;
            assertThat(probeAfterMillis).as("no attempt while open: reset-timeout 1 s").isBetween(950L, 3_000L);
            KIT.stop(feed);
        }
    }

    @Test
    void garbageFramesAreCountedAndTheFeedGoesOn() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL");

            rig.server.latest().send("this is not json");
            rig.server.latest().send("[{\"ev\":\"T\",\"sym\":\"AAPL\"}]");
            rig.server.latest().send("[" + trade("AAPL", 191.25) + "]");

            assertThat(rig.events.receiveMessage(PATIENCE)).isInstanceOfSatisfying(Tick.class,
                    tick -> assertThat(tick.price()).isEqualTo(191.25));
            SourceStatus status = rig.status(feed);
            assertThat(status.errors()).containsEntry("MALFORMED_FRAME", 2L);
            assertThat(status.state()).isEqualTo(ConnectionState.STREAMING);
            assertThat(rig.server.attempts()).isEqualTo(1);
            KIT.stop(feed);
        }
    }

    @Test
    void maxConnectionsWaitsTheLongestBackoffBeforeTheNextAttempt() throws Exception {
        PolygonScript script = new PolygonScript();
        script.firstConnectionStatus = status("max_connections", "Maximum number of connections exceeded.");
        String overrides = FAST + "reconnect { min = 50ms, max = 800ms }\n";
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", overrides, script)) {
            ActorRef<StreamFeed.Command> feed = rig.spawn(stocks(rig), "AAPL");

            rig.healthUntil(ConnectionState.BACKOFF);
            rig.healthUntil(ConnectionState.STREAMING);

            List<Long> attempts = rig.server.attemptTimes();
            assertThat((attempts.get(1) - attempts.get(0)) / 1_000_000).isGreaterThanOrEqualTo(800L);
            assertThat(rig.status(feed).errors()).containsEntry("MAX_CONNECTIONS", 1L);
            KIT.stop(feed);
        }
    }

    @Test
    void slowConsumerIsCountedAndForceDisconnectReconnects() throws Exception {
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", FAST, new PolygonScript())) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL");

            rig.server.latest().send(status("slow_consumer", "You are consuming too slowly"));
            rig.server.latest().send(status("force_disconnect", "Another client connected"));

            assertThat(rig.healthUntil(ConnectionState.STREAMING)).extracting(SourceHealth::state)
                    .startsWith(ConnectionState.BACKOFF);
            SourceStatus status = rig.status(feed);
            assertThat(status.errors()).containsEntry("SLOW_CONSUMER", 1L).containsEntry("FORCE_DISCONNECT", 1L);
            assertThat(status.reconnects()).isEqualTo(1);
            KIT.stop(feed);
        }
    }

    @Test
    void aConnectionSilentForTheIdleTimeoutDuringTheSessionIsDroppedAndReconnected() throws Exception {
        String overrides = FAST + "idle-timeout = 1s\n";
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", overrides, new PolygonScript(),
                () -> WEDNESDAY_MIDDAY_NEW_YORK)) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL");
            long streaming = System.nanoTime();

            rig.healthUntil(ConnectionState.BACKOFF);

            long silentMillis = (System.nanoTime() - streaming) / 1_000_000;
            assertThat(silentMillis).isBetween(1_000L, 3_000L);
            assertThat(rig.status(feed).errors()).containsEntry("TIMEOUT", 1L);
            await().atMost(PATIENCE).until(() -> rig.server.attempts() == 2);
            KIT.stop(feed);
        }
    }

    @Test
    void aConnectionSilentWhileEverySymbolIsOutOfSessionIsLeftOpen() throws Exception {
        String overrides = FAST + "idle-timeout = 300ms\n";
        try (StreamFeedRig rig = StreamFeedRig.start(KIT, "polygon", overrides, new PolygonScript(),
                () -> WEDNESDAY_MIDNIGHT_NEW_YORK)) {
            ActorRef<StreamFeed.Command> feed = rig.streaming(stocks(rig), "AAPL");

            rig.health.expectNoMessage(Duration.ofSeconds(1));
            assertThat(rig.status(feed).errors()).doesNotContainKey("TIMEOUT");
            assertThat(rig.server.attempts()).isEqualTo(1);
            KIT.stop(feed);
        }
    }

    @Test
    void webSocketsKeepAliveWithPings() {
        Config webSocket = KIT.system().settings().config().getConfig("pekko.http.client.websocket");
        assertThat(webSocket.getString("periodic-keep-alive-mode")).isEqualTo("ping");
        assertThat(webSocket.getDuration("periodic-keep-alive-max-idle")).isEqualTo(Duration.ofSeconds(20));
    }

    private static Behavior<StreamFeed.Command> stocks(StreamFeedRig rig) {
        return PolygonStreamFeed.create(rig.env, "stocks");
    }

    private static String status(String status, String message) {
        return "[{\"ev\":\"status\",\"status\":\"" + status + "\",\"message\":\"" + message + "\"}]";
    }

    private static String trade(String symbol, double price) {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"x\":4,\"i\":\"12345\",\"z\":3,\"p\":" + price
                + ",\"s\":100,\"t\":" + TRADE_TIME + ",\"q\":3681328}";
    }

    /** Polygon's side: greets, accepts or refuses the key, acknowledges subscriptions. */
    private static final class PolygonScript implements ProviderSocketServer.Script {

        volatile boolean acceptKey = true;
        /** Sent after the greeting on the first connection, which then closes. */
        volatile String firstConnectionStatus;

        @Override
        public void opened(ProviderSocketServer.Connection connection) {
            connection.send(CONNECTED);
            if (firstConnectionStatus != null && connection.number() == 1) {
                connection.send(firstConnectionStatus);
                connection.close();
            }
        }

        @Override
        public void received(ProviderSocketServer.Connection connection, String frame) {
            if (frame.contains("\"action\":\"auth\"")) {
                connection.send(frame.equals(AUTH_FRAME) && acceptKey
                        ? status("auth_success", "authenticated")
                        : status("auth_failed", "authentication failed"));
            } else if (frame.contains("\"action\":\"subscribe\"")) {
                connection.send(status("success", "subscribed"));
            }
        }
    }
}
