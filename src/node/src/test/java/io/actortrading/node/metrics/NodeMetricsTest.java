package io.actortrading.node.metrics;

import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.feed.FeedRouter;
import com.typesafe.config.ConfigFactory;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The meters of {@link NodeMetrics} as Prometheus scrapes them, fed the figures its poller hands it and
 * those other components register. (That the poller hands them over on a running node is shown by
 * {@code HealthRoutesTest} and the integration test.)
 */
class NodeMetricsTest {

    private static final Map<String, String> POLYGON = Map.of("source", "polygon-stocks", "provider", "polygon");

    private ActorTestKit kit;
    private NodeMetrics metrics;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("NodeMetricsTest", ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0")
                .withFallback(ConfigFactory.load()));
        metrics = NodeMetrics.get(kit.system());
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void liveSourcesAreScrapedWithTheirStateBreakerMessagesAndErrorsByKind() {
        metrics.liveStatus(List.of(new SourceStatus("polygon", "polygon-stocks", ConnectionState.BREAKER_OPEN,
                BreakerState.OPEN, 5000, 0.0, System.currentTimeMillis() - 3000,
                Map.of("DISCONNECTED", 4L, "RATE_LIMITED", 2L), -1, List.of("NVDA"), 3, "HTTP 429")), System.nanoTime());

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.value("at_source_breaker_state", POLYGON)).hasValue(2.0);
        assertThat(scrape.value("at_source_messages_total", POLYGON)).hasValue(5000.0);
        assertThat(scrape.value("at_source_reconnects_total", POLYGON)).hasValue(3.0);
        assertThat(scrape.value("at_source_errors_total", with(POLYGON, "kind", "DISCONNECTED"))).hasValue(4.0);
        assertThat(scrape.value("at_source_errors_total", with(POLYGON, "kind", "RATE_LIMITED"))).hasValue(2.0);
        assertThat(scrape.value("at_source_state", with(POLYGON, "state", "BREAKER_OPEN"))).hasValue(1.0);
        assertThat(scrape.value("at_source_state", with(POLYGON, "state", "STREAMING"))).hasValue(0.0);
        assertThat(scrape.value("at_source_last_message_age_seconds", POLYGON).orElseThrow()).isBetween(3.0, 60.0);
    }

    @Test
    void aSourceThatRecoversShowsItsNewStateAndANewKindOfError() {
        metrics.liveStatus(List.of(polygon(ConnectionState.BACKOFF, BreakerState.HALF_OPEN, Map.of())), System.nanoTime());
        metrics.liveStatus(List.of(polygon(ConnectionState.STREAMING, BreakerState.CLOSED, Map.of("TIMEOUT", 1L))),
                System.nanoTime());

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.value("at_source_breaker_state", POLYGON)).hasValue(0.0);
        assertThat(scrape.value("at_source_state", with(POLYGON, "state", "STREAMING"))).hasValue(1.0);
        assertThat(scrape.value("at_source_state", with(POLYGON, "state", "BACKOFF"))).hasValue(0.0);
        assertThat(scrape.value("at_source_errors_total", with(POLYGON, "kind", "TIMEOUT"))).hasValue(1.0);
    }

    @Test
    void routerFeedsAndShardRegionAreScrapedFromThePolledAnswers() {
        metrics.routerStats(new FeedRouter.RouterStats(65536, 16384, 0.25, 123456, 7, 890, 2, List.of(
                new FeedRouter.SourceStats("synthetic", "running", 100000, 1000.0, 0L, 0, List.of("NVDA")),
                new FeedRouter.SourceStats("replay", "completed", 500, 0.0, 0L, 0, List.of()))));
        metrics.symbolRegion(3, 42);

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.value("at_router_buffer_capacity")).hasValue(65536.0);
        assertThat(scrape.value("at_router_buffer_in_flight")).hasValue(16384.0);
        assertThat(scrape.value("at_router_buffer_fill")).hasValue(0.25);
        assertThat(scrape.value("at_router_routed_total")).hasValue(123456.0);
        assertThat(scrape.value("at_router_unknown_symbol_total")).hasValue(7.0);
        assertThat(scrape.value("at_router_batches_total")).hasValue(890.0);
        assertThat(scrape.value("at_router_failovers_total")).hasValue(2.0);
        assertThat(scrape.value("at_feed_events_total", Map.of("source", "synthetic"))).hasValue(100000.0);
        assertThat(scrape.value("at_feed_running", Map.of("source", "synthetic"))).hasValue(1.0);
        assertThat(scrape.value("at_feed_running", Map.of("source", "replay"))).hasValue(0.0);
        assertThat(scrape.value("at_shard_region_shards", Map.of("type", "symbol"))).hasValue(3.0);
        assertThat(scrape.value("at_shard_region_entities", Map.of("type", "symbol"))).hasValue(42.0);
    }

    @Test
    void ingestLatencyQuantilesAreThoseOfTheLastIntervalAndUnknownForAnEmptyOne() {
        assertThat(PrometheusText.parse(metrics.scrape()).value("at_ingest_latency_seconds", Map.of("quantile", "0.5")))
                .hasValue(Double.NaN);
        Histogram interval = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        interval.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(2), 990);
        interval.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(50), 10);

        metrics.latencyInterval(interval);

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());
        assertThat(scrape.value("at_ingest_latency_seconds", Map.of("quantile", "0.5")).orElseThrow())
                .isCloseTo(0.002, within(0.00001));
        assertThat(scrape.value("at_ingest_latency_seconds", Map.of("quantile", "0.999")).orElseThrow())
                .isCloseTo(0.050, within(0.0001));
    }

    @Test
    void registeredSinksProjectionsAndStoresAreReadAtEveryScrape() {
        AtomicReference<SinkStatus> redis = new AtomicReference<>(new SinkStatus(250, 1000, 7, 12000, true));
        AtomicReference<Duration> lag = new AtomicReference<>(Duration.ofMillis(1500));
        AtomicLong failures = new AtomicLong(3);
        metrics.registerSink("redis", redis::get);
        metrics.registerProjection("market-data", lag::get);
        metrics.registerPersistenceFailures("journal", failures::get);

        PrometheusText first = PrometheusText.parse(metrics.scrape());
        redis.set(new SinkStatus(1000, 1000, 9, 12500, false));
        lag.set(Duration.ofSeconds(30));
        failures.set(4);
        PrometheusText second = PrometheusText.parse(metrics.scrape());

        assertThat(first.value("at_sink_buffer_fill", Map.of("sink", "redis"))).hasValue(0.25);
        assertThat(first.value("at_sink_dropped_total", Map.of("sink", "redis"))).hasValue(7.0);
        assertThat(first.value("at_sink_written_total", Map.of("sink", "redis"))).hasValue(12000.0);
        assertThat(first.value("at_sink_connected", Map.of("sink", "redis"))).hasValue(1.0);
        assertThat(first.value("at_projection_lag_seconds", Map.of("projection", "market-data"))).hasValue(1.5);
        assertThat(first.value("at_persistence_failures_total", Map.of("store", "journal"))).hasValue(3.0);
        assertThat(second.value("at_sink_buffer_fill", Map.of("sink", "redis"))).hasValue(1.0);
        assertThat(second.value("at_sink_dropped_total", Map.of("sink", "redis"))).hasValue(9.0);
        assertThat(second.value("at_sink_connected", Map.of("sink", "redis"))).hasValue(0.0);
        assertThat(second.value("at_projection_lag_seconds", Map.of("projection", "market-data"))).hasValue(30.0);
        assertThat(second.value("at_persistence_failures_total", Map.of("store", "journal"))).hasValue(4.0);
        assertThat(metrics.sinks()).containsExactly(Map.entry("redis", new SinkStatus(1000, 1000, 9, 12500, false)));
    }

    @Test
    void aSinkRegisteredTwiceIsRefused() {
        metrics.registerSink("redis", () -> new SinkStatus(0, 0, 0, 0, true));

        assertThatThrownBy(() -> metrics.registerSink("redis", () -> new SinkStatus(0, 0, 0, 0, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis");
    }

    @Test
    void jvmAndIngestCountersAreThereFromTheStart() {
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.value("at_ticks_in_total")).hasValue(0.0);
        assertThat(scrape.value("at_bars_closed_total")).hasValue(0.0);
        assertThat(List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "system_cpu_count", "process_uptime_seconds")).allMatch(scrape::has);
    }

    @Test
    void everyNodeMeterIsDescribedInItsHelpLine() throws IllegalAccessException {
        for (java.lang.reflect.Field field : MetricNames.class.getFields()) {
            String name = (String) field.get(null);
            if (name.startsWith("at.")) {
                assertThat(MetricNames.description(name)).as(field.getName()).isNotBlank();
            }
        }

        assertThat(metrics.scrape()).contains("# HELP at_ticks_in_total market events applied by the symbol actors\n");
    }

    private static SourceStatus polygon(ConnectionState state, BreakerState breaker, Map<String, Long> errors) {
        return new SourceStatus("polygon", "polygon-stocks", state, breaker, 10, 1.0, System.currentTimeMillis(), errors,
                -1, List.of("NVDA"), 0, "");
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        var more = new java.util.HashMap<>(labels);
        more.put(key, value);
        return more;
    }
}
