package io.actortrading.node.sysmetrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import io.actortrading.node.metrics.MetricNames;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.persistence.PersistenceProfile;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sys_metrics writer against a database that is not there: it keeps running, counts every
 * snapshot's rows as dropped, warns once (never with the password), and reads the node's meters the
 * way /metrics names them.
 */
class SysMetricsWriterTest {

    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.loglevel = INFO
            """).withFallback(ConfigFactory.load()));
    private static final String PASSWORD = "s3cret-sys-metrics";
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int FAILED_SNAPSHOTS = 5;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void anUnreachableDatabaseIsWarnedAboutOnceAndEverySnapshotIsCountedAsDropped() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(SysMetricsWriter.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            NodeMetrics metrics = NodeMetrics.get(KIT.system());
            List<MeterSnapshot.Row> snapshot = MeterSnapshot.take(metrics.registry());
            ActorRef<SysMetricsWriter.Command> writer = KIT.spawn(SysMetricsWriter.create(
                    new SysMetricsSettings(true, INTERVAL, "unit", Duration.ofSeconds(2),
                            "actortrading.metrics.sys-metrics.dispatcher"), unreachable()));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dropped(metrics) >= FAILED_SNAPSHOTS * (double) snapshot.size());

            assertThat(lines.list).filteredOn(line -> line.getLevel() == Level.WARN).singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).asString()
                    .startsWith("sys_metrics: cannot write to PostgreSQL");
            assertThat(lines.list).noneMatch(line -> line.getFormattedMessage().contains(PASSWORD));
            assertThat(metrics.registry().get(MetricNames.SINK_CONNECTED).tag(MetricNames.TAG_SINK, SysMetricsSink.NAME)
                    .gauge().value()).isZero();
            assertThat(metrics.sinks()).containsKey(SysMetricsSink.NAME);
            KIT.stop(writer);
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void aSnapshotNamesEveryMeterAsMetricsDoesAndKeepsItsTagsAsJson() {
        NodeMetrics metrics = NodeMetrics.get(KIT.system());

        List<MeterSnapshot.Row> rows = MeterSnapshot.take(metrics.registry());

        assertThat(rows).extracting(MeterSnapshot.Row::metric)
                .contains("at_ticks_in_total", "at_bars_closed_total", "jvm_threads_live_threads")
                .allMatch(metric -> metric.matches("[a-z_:][a-z0-9_:]*"));
        assertThat(rows).filteredOn(row -> row.metric().equals("jvm_memory_used_bytes"))
                .isNotEmpty().allMatch(row -> row.tags().matches("\\{\"area\":\"(heap|nonheap)\",\"id\":\".+\"}"));
        assertThat(rows).filteredOn(row -> row.metric().equals("at_ticks_in_total"))
                .singleElement().extracting(MeterSnapshot.Row::tags).isEqualTo("{}");
        assertThat(rows).allMatch(row -> Double.isFinite(row.value()));
    }

    private static double dropped(NodeMetrics metrics) {
        return metrics.registry().get(MetricNames.SINK_DROPPED).tag(MetricNames.TAG_SINK, SysMetricsSink.NAME)
                .functionCounter().count();
    }

    /** A port nothing listens on, with a password that must never show up in a log line. */
    private static PersistenceProfile.PostgresSettings unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return new PersistenceProfile.PostgresSettings("jdbc:postgresql://127.0.0.1:" + port + "/none?password=" + PASSWORD,
                "postgres", PASSWORD, 1, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }
}
