package io.actortrading.node.redis;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.integration.FastMarket;
import io.actortrading.integration.AtctlInvocation;
import io.actortrading.integration.InProcessNode;
import io.actortrading.integration.TcpProxy;
import io.actortrading.integration.TestRedis;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.metrics.SinkStatus;
import io.actortrading.node.symbol.IngestMetrics;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real node (H2 journal, sharding, the synthetic feed on an accelerated clock) started with a Redis
 * URL: every symbol's latest hash and bars set fill, trades reach the ticks stream, and the redis sink
 * shows in /metrics and {@code atctl sinks show}; with Redis cut off the node carries on.
 */
class RedisNodeTest {

    private static final List<String> SYMBOLS = List.of("NVDA", "MSFT", "BTC-USD");
    private static final Duration DATA_ARRIVES = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    @Test
    void aNodeWithARedisUrlFillsEachSymbolsLatestHashBarsAndTheTicksStream(@TempDir Path dataDir) throws Exception {
        try (TestRedis.Keyspace keys = TestRedis.keyspace("node");
             InProcessNode node = InProcessNode.start(ConfigFactory.parseString(FastMarket.SYNTHETIC_NODE)
                     .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(SYMBOLS))
                     .withValue("actortrading.redis.url", ConfigValueFactory.fromAnyRef(keys.url()))
                     .withValue("actortrading.redis.key-prefix", ConfigValueFactory.fromAnyRef(keys.prefix())),
                     dataDir, null);
             StatefulRedisConnection<String, String> connection = keys.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            HotDataLayout layout = new HotDataLayout(keys.prefix());

            await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
                for (String symbol : SYMBOLS) {
                    assertThat(redis.hget(layout.latestKey(symbol), "close")).as(symbol).isNotNull();
                    assertThat(redis.zcard(layout.barsKey(symbol))).as(symbol).isGreaterThanOrEqualTo(2);
                }
            });
            for (String symbol : SYMBOLS) {
                Map<String, String> latest = redis.hgetall(layout.latestKey(symbol));
                assertThat(latest).containsEntry("symbol", symbol).containsEntry("timeframe", "1m")
                        .containsKeys("start", "open", "high", "low", "volume", "sma_20", "updatedAt");
                assertThat(redis.pttl(layout.latestKey(symbol))).isPositive();
                long start = Long.parseLong(latest.get("start"));
                await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() ->
                        assertThat(redis.zrangebyscore(layout.barsKey(symbol), Range.create(start, start)))
                                .singleElement().asString().startsWith("{\"start\":" + start + ","));
            }
            List<StreamMessage<String, String>> ticks = redis.xrange(layout.ticksStream(), Range.create("-", "+"),
                    io.lettuce.core.Limit.from(100));
            assertThat(ticks).isNotEmpty();
            assertThat(ticks).extracting(entry -> entry.getBody().get("symbol")).isSubsetOf(SYMBOLS);
            assertThat(ticks.get(0).getBody()).containsKeys("price", "size", "ts").containsEntry("source", "synthetic");
            assertThat(redis.xlen(layout.aggMinuteStream())).isGreaterThanOrEqualTo(2L * SYMBOLS.size());

            HttpClient http = HttpClient.newHttpClient();
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + node.host() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("at_sink_connected{sink=\"redis\"} 1.0")
                    .containsPattern("at_sink_written_total\\{sink=\"redis\"} [1-9]")
                    .contains("at_sink_dropped_total{sink=\"redis\"} 0.0");

            AtctlInvocation sinks = AtctlInvocation.run("--host", node.host(), "sinks", "show");
            assertThat(sinks.exitCode()).as(sinks.err()).isZero();
            assertThat(sinks.out()).containsPattern("(?m)^redis +connected +\\d+ +120000 ");
        }
    }

    /** Redis cut off by a proxy while the node runs: symbols carry on, drops are counted, and the publisher comes back by itself. */
    @Test
    void aNodeKeepsProcessingWhileRedisIsCutAndPublishesAgainOnceItIsBack(@TempDir Path dataDir) {
        try (TestRedis.Keyspace keys = TestRedis.keyspace("node-outage");
             TcpProxy proxy = new TcpProxy(keys.host(), keys.port());
             InProcessNode node = InProcessNode.start(ConfigFactory.parseString(FastMarket.SYNTHETIC_NODE + """
                             actortrading.redis {
                               buffer { ticks = 1000, bars = 100 }
                               reconnect-backoff { min = 50ms, max = 500ms }
                             }
                             """)
                             .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(SYMBOLS))
                             .withValue("actortrading.redis.url", ConfigValueFactory.fromAnyRef(keys.urlVia(proxy.port())))
                             .withValue("actortrading.redis.key-prefix", ConfigValueFactory.fromAnyRef(keys.prefix())),
                     dataDir, null);
             StatefulRedisConnection<String, String> connection = keys.connect()) {
            NodeMetrics metrics = NodeMetrics.get(node.system());
            IngestMetrics ingest = IngestMetrics.get(node.system());
            HotDataLayout layout = new HotDataLayout(keys.prefix());
            await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
                assertThat(redis(metrics).connected()).isTrue();
                assertThat(redis(metrics).written()).isPositive();
            });

            proxy.cut();
            long appliedAtCut = ingest.applied();
            long barsAtCut = ingest.barsClosed();
            await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
                assertThat(redis(metrics).connected()).isFalse();
                assertThat(redis(metrics).dropped()).as("drops counted once the buffers are full").isPositive();
                assertThat(ingest.applied()).as("symbols keep applying trades").isGreaterThan(appliedAtCut);
                assertThat(ingest.barsClosed()).as("and closing bars").isGreaterThan(barsAtCut);
            });
            long writtenWhileCut = redis(metrics).written();

            long restoredAtMillis = System.currentTimeMillis();
            long restoredAt = System.nanoTime();
            proxy.restore();
            await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
                assertThat(redis(metrics).connected()).isTrue();
                assertThat(redis(metrics).written()).isGreaterThan(writtenWhileCut);
            });
            System.out.printf(Locale.ROOT, "redis node outage: publishing again %.0f ms after Redis was reachable again; %,d items dropped while cut%n",
                    (System.nanoTime() - restoredAt) / 1e6, redis(metrics).dropped());
            await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
                for (String symbol : SYMBOLS) {
                    assertThat(Long.parseLong(connection.sync().hget(layout.latestKey(symbol), "updatedAt")))
                            .as(symbol).isGreaterThanOrEqualTo(restoredAtMillis);
                }
            });
        }
    }

    private static SinkStatus redis(NodeMetrics metrics) {
        return metrics.sinks().get(RedisPublisher.SINK);
    }
}
