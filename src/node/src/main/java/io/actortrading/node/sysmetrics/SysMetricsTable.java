package io.actortrading.node.sysmetrics;

import io.actortrading.node.persistence.PersistenceProfile;
import io.actortrading.node.persistence.PostgresConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Inserts snapshots into {@code sys_metrics} over one connection of its own (no pool: one snapshot
 * is written at a time), opened on first use and again after a failure.
 *
 * <p>Not thread-safe; the writer calls it from one blocking thread at a time.
 */
final class SysMetricsTable implements AutoCloseable {

    /** A whole snapshot is one statement: its rows go in as arrays, one round trip however many meters there are. */
    private static final String INSERT = """
            INSERT INTO sys_metrics (ts, service, metric, value, tags)
            SELECT ?, ?, m, v, t::jsonb FROM unnest(?::text[], ?::float8[], ?::text[]) AS r(m, v, t)
            """;

    private final PostgresConnection connection;
    private final int timeoutSeconds;

    SysMetricsTable(PersistenceProfile.PostgresSettings pg, Duration writeTimeout) {
        this.connection = new PostgresConnection(pg, true);
        this.timeoutSeconds = Math.toIntExact(writeTimeout.toSeconds());
    }

    /** @return the rows inserted */
    int insert(Instant ts, String service, List<MeterSnapshot.Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        String[] metrics = new String[n];
        Double[] values = new Double[n];
        String[] tags = new String[n];
        for (int i = 0; i < n; i++) {
            MeterSnapshot.Row row = rows.get(i);
            metrics[i] = row.metric();
            values[i] = row.value();
            tags[i] = row.tags();
        }
        return connection.use(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setQueryTimeout(timeoutSeconds);
                insert.setTimestamp(1, Timestamp.from(ts));
                insert.setString(2, service);
                insert.setArray(3, c.createArrayOf("text", metrics));
                insert.setArray(4, c.createArrayOf("float8", values));
                insert.setArray(5, c.createArrayOf("text", tags));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        connection.close();
    }
}
