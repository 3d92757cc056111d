package io.actortrading.integration;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
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
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /metrics, /health and /ready of a real single node (H2 journal, sharding, the synthetic feed on an
 * accelerated market clock) over HTTP on its inspection port, as Prometheus and a load balancer see them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAndHealthTest {

    private static final List<String> SYMBOLS = List.of("NVDA", "MSFT", "BTC-USD");
    private static final Duration DATA_ARRIVES = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(250);
    /** The poller asks five times a second. */
    private static final String NODE = FastMarket.SYNTHETIC_NODE + """
            actortrading.metrics.poll-interval = 200ms
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private InProcessNode node;
    private URI base;

    @BeforeAll
    void startNode(@TempDir Path dataDir) {
        node = InProcessNode.start(ConfigFactory.parseString(NODE)
                .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(SYMBOLS)), dataDir, null);
        base = URI.create("http://" + node.host() + "/");
    }

    @AfterAll
    void stopNode() {
        node.close();
    }

    @Test
    void healthAnswers200() throws Exception {
        HttpResponse<String> health = get("health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
    }

    @Test
    void readyAnswers200OnceTheNodeIsUpWithItsRegionJournalAndFeeds() {
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
            HttpResponse<String> ready = get("ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        });
    }

    @Test
    void metricsAreInPrometheusTextWithJvmFigures() throws Exception {
        HttpResponse<String> metrics = get("metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=UTF-8");
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "system_cpu_count", "process_uptime_seconds")) {
            assertThat(metrics.body()).as(jvm).containsPattern("(?m)^" + jvm + "[ {]");
        }
    }

    @Test
    void ticksInGrowAndBarsCloseAsTheFeedRuns() throws Exception {
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() ->
                assertThat(value(get("metrics").body(), "at_bars_closed_total").orElseThrow()).isPositive());
        double ticksBefore = value(get("metrics").body(), "at_ticks_in_total").orElseThrow();

        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
            String scrape = get("metrics").body();
            assertThat(value(scrape, "at_ticks_in_total").orElseThrow()).isGreaterThan(ticksBefore);
            assertThat(value(scrape, "at_router_routed_total").orElseThrow()).isPositive();
            assertThat(value(scrape, "at_feed_events_total{source=\"synthetic\"}").orElseThrow()).isPositive();
            assertThat(value(scrape, "at_ingest_latency_seconds{quantile=\"0.99\"}").orElseThrow()).isPositive();
            assertThat(value(scrape, "at_router_buffer_fill").orElseThrow()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void symbolRegionEntitiesAreTheRegisteredSymbols() {
        await().atMost(DATA_ARRIVES).pollInterval(POLL).untilAsserted(() -> {
            String scrape = get("metrics").body();
            assertThat(value(scrape, "at_shard_region_entities{type=\"symbol\"}")).hasValue(SYMBOLS.size());
            assertThat(value(scrape, "at_shard_region_shards{type=\"symbol\"}").orElseThrow())
                    .isBetween(1.0, (double) SYMBOLS.size());
        });
    }

    /** The value of one series, given as scraped: its name and, if it has any, its labels in braces. */
    private static OptionalDouble value(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
