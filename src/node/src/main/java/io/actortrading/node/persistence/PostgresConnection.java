package io.actortrading.node.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One PostgreSQL connection of a read-side writer (a projection, the sys_metrics writer), opened on
 * first use and thrown away when a call on it fails, so the next call opens a fresh one once the
 * server answers again. One connection per writer and no pool: each writes one batch at a time.
 *
 * <p>Not thread-safe; its owner calls it from one blocking thread at a time.
 */
public final class PostgresConnection implements AutoCloseable {

    /** Work on the open connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final PersistenceProfile.PostgresSettings pg;
    private final boolean autoCommit;
    private final boolean synchronousCommit;
    private Connection connection;

    /** @param autoCommit false for a writer that commits its transactions itself */
    public PostgresConnection(PersistenceProfile.PostgresSettings pg, boolean autoCommit) {
        this(pg, autoCommit, true);
    }

    /**
     * @param synchronousCommit false: a commit returns before its WAL is flushed to disk. A server crash
     *                          may then lose the last commits, each entirely; only for a writer that
     *                          redoes lost work by itself (a projection whose offset commits with its rows)
     */
    public PostgresConnection(PersistenceProfile.PostgresSettings pg, boolean autoCommit, boolean synchronousCommit) {
        this.pg = pg;
        this.autoCommit = autoCommit;
        this.synchronousCommit = synchronousCommit;
    }

    public <T> T use(Work<T> work) throws SQLException {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(pg.url(), pg.connectionProperties());
                if (!synchronousCommit) {
                    try (Statement set = connection.createStatement()) {
                        set.execute("SET synchronous_commit = off");
                    }
                }
                connection.setAutoCommit(autoCommit);
            }
            return work.run(connection);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is thrown away because it failed or its owner stops; its close failing says nothing new
            }
            connection = null;
        }
    }
}
