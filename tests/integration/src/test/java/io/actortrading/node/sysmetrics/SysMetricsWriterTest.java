package io.actortrading.node.sysmetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.integration.AtctlInvocation;
import io.actortrading.integration.InProcessNode;
import io.actortrading.integration.TcpProxy;
import io.actortrading.integration.TestPostgres;
import io.actortrading.node.metrics.MetricNames;
import io.actortrading.node.metrics.NodeMetrics;
import io.actortrading.node.persistence.JournalSchema;
import io.actortrading.node.persistence.PersistenceProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node on the postgres profile copies its meters into {@code sys_metrics} at the configured interval,
 * named and tagged as {@code /metrics} shows them; with the database cut off the writer drops and counts
 * its snapshots without failing, and writes again once the database returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SysMetricsWriterTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final int SNAPSHOTS = 4;
    private static final Duration ARRIVE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration OUTAGE = Duration.ofSeconds(2);

    private TestPostgres.Database db;

    @BeforeAll
    void createDatabase() {
        db = TestPostgres.createDatabase("sysmetrics");
        JournalSchema.ensurePostgres(new PersistenceProfile.PostgresSettings(db.url(), db.user(), "", 1,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE sys_metrics");
        }
    }

    @Test
    void everySnapshotHoldsTheNodesMetersNamedAndTaggedAsMetricsShowsThem(@TempDir Path dataDir) throws Exception {
        try (InProcessNode node = InProcessNode.start(postgres(db.url(), ""), dataDir, null)) {
            await().atMost(ARRIVE).pollInterval(POLL).until(() -> snapshots().size() >= SNAPSHOTS);

            List<Instant> stamps = snapshots();
            Map<Instant, Long> perSnapshot = rowsPerSnapshot();
            System.out.printf("sys_metrics: %d snapshots every %d ms, rows per snapshot %s%n", stamps.size(),
                    INTERVAL.toMillis(), perSnapshot.values());
            for (int i = 1; i < stamps.size(); i++) {
                assertThat(Duration.between(stamps.get(i - 1), stamps.get(i))).as("time between snapshots")
                        .isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
            }
            assertThat(services()).singleElement().asString().matches("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
            Instant last = stamps.get(stamps.size() - 1);
            assertThat(value(last, "at_ticks_in_total", "{}")).isZero();
            assertThat(value(last, "at_sink_connected", "{\"sink\": \"sys_metrics\"}")).isEqualTo(1.0);
            assertThat(value(last, "at_sink_written_total", "{\"sink\": \"sys_metrics\"}")).isPositive();
            assertThat(value(last, "jvm_memory_used_bytes", "{\"area\": \"heap\", \"id\": \"" + anyHeapPool(last) + "\"}"))
                    .isPositive();
            assertThat(metrics(last)).contains("at_bars_closed_total", "process_uptime_seconds", "jvm_threads_live_threads")
                    .noneMatch(metric -> metric.contains("."));

            JsonNode sinks = new ObjectMapper().readTree(get(node, "/api/sinks"));
            JsonNode sink = sinks.path("sinks").get(0);
            assertThat(sink.path("name").asText()).isEqualTo(SysMetricsSink.NAME);
            assertThat(sink.path("state").asText()).isEqualTo("connected");
            assertThat(sink.path("written").asLong()).isPositive();
            AtctlInvocation atctl = AtctlInvocation.run("--host", node.host(), "sinks", "show");
            assertThat(atctl.exitCode()).as(atctl.err()).isZero();
            assertThat(atctl.out()).containsPattern("sys_metrics +connected +- +- +- +0 +[0-9,]+");
        }
    }

    @Test
    void withTheDatabaseCutOffSnapshotsAreDroppedAndCountedAndWritingResumesWhenItReturns(@TempDir Path dataDir)
            throws Exception {
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port());
             InProcessNode node = InProcessNode.start(postgres(db.urlVia(proxy.port()), "sysmetrics-test"), dataDir, null)) {
            NodeMetrics metrics = NodeMetrics.get(node.system());
            await().atMost(ARRIVE).pollInterval(POLL).until(() -> snapshots().size() >= 2);

            proxy.cut();
            await().atMost(ARRIVE).pollInterval(POLL).until(() -> connected(metrics) == 0 && dropped(metrics) > 0);
            int frozen = snapshots().size();
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(2)).pollInterval(POLL)
                    .until(() -> snapshots().size() == frozen);
            double droppedInOutage = dropped(metrics);
            proxy.restore();
            Instant restored = Instant.now();

            await().atMost(ARRIVE).pollInterval(POLL).until(() -> snapshots().stream().filter(restored::isBefore).count() >= 2);
            assertThat(connected(metrics)).isEqualTo(1.0);
            assertThat(services()).containsExactly("sysmetrics-test");
            Instant after = snapshots().get(snapshots().size() - 1);
            assertThat(value(after, "at_sink_dropped_total", "{\"sink\": \"sys_metrics\"}"))
                    .isGreaterThanOrEqualTo(droppedInOutage);
            assertThat(get(node, "/metrics")).containsPattern("at_sink_dropped_total\\{sink=\"sys_metrics\"\\} [1-9]");
            System.out.printf("sys_metrics outage: %.0f rows dropped during a %d s cut; %d snapshots before, writing "
                    + "again after the database returned%n", droppedInOutage, OUTAGE.toSeconds(), frozen);
        }
    }

    private static Config postgres(String url, String service) {
        return ConfigFactory.parseString("""
                        pekko.loglevel = WARNING
                        actortrading.persistence.profile = postgres
                        actortrading.persistence.postgres { user = postgres, password = "", connect-timeout = 2s }
                        actortrading.metrics.sys-metrics.write-timeout = 5s
                        """)
                .withValue("actortrading.persistence.postgres.url", ConfigValueFactory.fromAnyRef(url))
                .withValue("actortrading.metrics.sys-metrics.interval", ConfigValueFactory.fromAnyRef(INTERVAL))
                .withValue("actortrading.metrics.sys-metrics.service", ConfigValueFactory.fromAnyRef(service));
    }

    private static double dropped(NodeMetrics metrics) {
        return metrics.registry().get(MetricNames.SINK_DROPPED).tag(MetricNames.TAG_SINK, SysMetricsSink.NAME)
                .functionCounter().count();
    }

    private static double connected(NodeMetrics metrics) {
        return metrics.registry().get(MetricNames.SINK_CONNECTED).tag(MetricNames.TAG_SINK, SysMetricsSink.NAME)
                .gauge().value();
    }

    private static String get(InProcessNode node, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + node.host() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<Instant> snapshots() throws SQLException {
        List<Instant> stamps = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT ts FROM sys_metrics ORDER BY ts")) {
            while (rs.next()) {
                stamps.add(rs.getTimestamp(1).toInstant());
            }
        }
        return stamps;
    }

    private Map<Instant, Long> rowsPerSnapshot() throws SQLException {
        Map<Instant, Long> rows = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ts, count(*) FROM sys_metrics GROUP BY ts ORDER BY ts")) {
            while (rs.next()) {
                rows.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
            }
        }
        return rows;
    }

    private List<String> services() throws SQLException {
        return strings("SELECT DISTINCT service FROM sys_metrics", null);
    }

    private List<String> metrics(Instant ts) throws SQLException {
        return strings("SELECT metric FROM sys_metrics WHERE ts = ?", ts);
    }

    private String anyHeapPool(Instant ts) throws SQLException {
        return strings("SELECT tags->>'id' FROM sys_metrics WHERE ts = ? AND metric = 'jvm_memory_used_bytes' "
                + "AND tags->>'area' = 'heap' ORDER BY value DESC LIMIT 1", ts).get(0);
    }

    private List<String> strings(String sql, Instant ts) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            if (ts != null) {
                s.setTimestamp(1, Timestamp.from(ts));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** The value of one series in one snapshot; the tags must match exactly. */
    private double value(Instant ts, String metric, String tags) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT value FROM sys_metrics WHERE ts = ? AND metric = ? AND tags = ?::jsonb")) {
            s.setTimestamp(1, Timestamp.from(ts));
            s.setString(2, metric);
            s.setString(3, tags);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("%s %s at %s", metric, tags, ts).isTrue();
                return rs.getDouble(1);
            }
        }
    }
}
