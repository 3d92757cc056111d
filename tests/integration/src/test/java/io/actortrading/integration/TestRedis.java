package io.actortrading.integration;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;

/**
 * The Redis server integration tests use, and a key prefix of their own on it per test.
 *
 * <p>In order: the server of {@code AT_TEST_REDIS_HOST}/{@code AT_TEST_REDIS_PORT} if set; the one on
 * 127.0.0.1:6379 when it accepts connections (development and CI machines); otherwise an embedded Redis
 * started from the binaries in the codemonstur artifact, so a machine with only a JDK and Maven runs the
 * same tests against a real server. {@code -Dat.test.redis=embedded} forces the embedded one.
 */
public final class TestRedis {

    /** Keys of one test: everything it writes starts with {@code prefix}; deleted on close. */
    public record Keyspace(String host, int port, String prefix) implements AutoCloseable {

        public String url() {
            return "redis://" + host + ":" + port;
        }

        /** The same server reached through another address (a proxy the test controls). */
        public String urlVia(int proxyPort) {
            return "redis://127.0.0.1:" + proxyPort;
        }

        /** A connection for the test's own reads; close it. */
        public StatefulRedisConnection<String, String> connect() {
            return client().connect();
        }

        @Override
        public void close() {
            try (StatefulRedisConnection<String, String> connection = connect()) {
                RedisCommands<String, String> redis = connection.sync();
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(SCAN_PAGE));
                    if (!page.getKeys().isEmpty()) {
                        redis.del(page.getKeys().toArray(String[]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            }
        }
    }

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 6379;
    private static final int SCAN_PAGE = 1000;

    private static String host;
    private static int port;
    private static RedisServer embedded;
    private static RedisClient client;

    private TestRedis() {
    }

    /** A fresh prefix on the test server, {@code at-test:<purpose>:<random>:}. */
    public static synchronized Keyspace keyspace(String purpose) {
        server();
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Keyspace(host, port, "at-test:" + purpose.toLowerCase(Locale.ROOT) + ":" + id + ":");
    }

    private static synchronized RedisClient client() {
        if (client == null) {
            client = RedisClient.create("redis://" + host + ":" + port);
        }
        return client;
    }

    private static void server() {
        if (host != null) {
            return;
        }
        String forced = System.getProperty("at.test.redis", "");
        String envHost = System.getenv("AT_TEST_REDIS_HOST");
        if (!forced.equals("embedded") && envHost != null && !envHost.isBlank()) {
            host = envHost;
            port = Integer.parseInt(System.getenv().getOrDefault("AT_TEST_REDIS_PORT", Integer.toString(DEFAULT_PORT)));
        } else if (!forced.equals("embedded") && LocalPorts.accepts(DEFAULT_HOST, DEFAULT_PORT)) {
            host = DEFAULT_HOST;
            port = DEFAULT_PORT;
        } else {
            port = LocalPorts.free();
            try {
                embedded = new RedisServer(port);
                embedded.start();
            } catch (IOException e) {
                throw new UncheckedIOException("No Redis on " + DEFAULT_HOST + ":" + DEFAULT_PORT
                        + " and the embedded one did not start: " + e.getMessage(), e);
            }
            host = DEFAULT_HOST;
            Runtime.getRuntime().addShutdownHook(new Thread(TestRedis::stopEmbedded, "embedded-redis-stop"));
        }
        System.out.printf("TestRedis: using %s Redis at %s:%d%n", embedded != null ? "embedded" : "the running",
                host, port);
    }

    private static void stopEmbedded() {
        try {
            embedded.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
