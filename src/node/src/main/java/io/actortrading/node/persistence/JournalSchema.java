package io.actortrading.node.persistence;

import com.typesafe.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Creates the journal's tables (and with PostgreSQL the read-side tables) before the actor system
 * starts, idempotently, so that the first persist of the first symbol never races the schema and a
 * node may start against an existing database any number of times.
 */
public final class JournalSchema {

    private static final Logger log = LoggerFactory.getLogger(JournalSchema.class);

    private static final String H2_SCHEMA = "/schema/h2-journal.sql";
    public static final String POSTGRES_SCHEMA = "/schema/postgres.sql";
    private static final String SHARED_DB = "pekko-persistence-jdbc.shared-databases.default";
    /** Serializes nodes of one cluster that start at once against a fresh database. */
    private static final long SCHEMA_LOCK = 0x4163_746f_7254_7264L;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private JournalSchema() {
    }

    public static void ensure(Config config) {
        PersistenceProfile profile = PersistenceProfile.fromConfig(config);
        if (profile.usesPostgres()) {
            ensurePostgres(profile.postgres());
        } else {
            ensureH2(config.getConfig(SHARED_DB));
        }
    }

    /**
     * Runs the PostgreSQL schema under an advisory lock; retries while the database is unreachable (a
     * node started with its database, as docker compose does), for at most the schema timeout.
     */
    public static void ensurePostgres(PersistenceProfile.PostgresSettings pg) {
        String script = resource(POSTGRES_SCHEMA);
        long deadline = System.nanoTime() + pg.schemaTimeout().toNanos();
        SQLException last;
        boolean warned = false;
        do {
            try (Connection connection = DriverManager.getConnection(pg.url(), pg.connectionProperties());
                 Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                statement.execute(script);
                connection.commit();
                return;
            } catch (SQLException e) {
                last = e;
                if (!worthRetrying(e)) {
                    break;
                }
                if (!warned) {
                    log.warn("PostgreSQL at {} is not reachable yet ({}); retrying for up to {}", pg.describe(),
                            e.getMessage(), pg.schemaTimeout());
                    warned = true;
                }
                LockSupport.parkNanos(RETRY_PAUSE.toNanos());
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("Cannot prepare the PostgreSQL schema at " + pg.describe() + ": "
                + last.getMessage() + " (check PG_URL, PG_USER, PG_PASSWORD and that the server is up)", last);
    }

    /** Connection failures (SQL state class 08) and a server starting up or shutting down (57P03) are worth a retry. */
    private static boolean worthRetrying(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P03");
    }

    private static void ensureH2(Config db) {
        String url = db.getString("db.url");
        createParentDirectory(url);
        String script = resource(H2_SCHEMA);
        try (Connection connection = DriverManager.getConnection(url, db.getString("db.user"), db.getString("db.password"));
             Statement statement = connection.createStatement()) {
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the journal at " + url + ": " + e.getMessage(), e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = JournalSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the node's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createParentDirectory(String h2Url) {
        String prefix = "jdbc:h2:file:";
        if (!h2Url.startsWith(prefix)) {
            return;
        }
        String path = h2Url.substring(prefix.length()).split(";", 2)[0];
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the journal directory " + parent, e);
        }
    }
}
