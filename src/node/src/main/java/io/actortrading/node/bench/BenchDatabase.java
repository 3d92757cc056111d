package io.actortrading.node.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of the bench's own on a PostgreSQL server, {@code at_bench_<random>}, created fresh so
 * that no earlier run's journal or rows count, and dropped on close unless kept.
 */
final class BenchDatabase implements AutoCloseable {

    /** jdbc:postgresql://host[:port]/database[?parameters] */
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?$");
    private static final int RANDOM_CHARS = 8;

    private final String serverUrl;
    private final String adminUrl;
    private final String parameters;
    private final String user;
    private final String password;
    private final String name;
    private final boolean keep;

    private BenchDatabase(String serverUrl, String adminUrl, String parameters, String user, String password,
                          String name, boolean keep) {
        this.serverUrl = serverUrl;
        this.adminUrl = adminUrl;
        this.parameters = parameters;
        this.user = user;
        this.password = password;
        this.name = name;
        this.keep = keep;
    }

    /**
     * @param url a JDBC URL on the server; its database (default {@code postgres}) is where the bench
     *            database is created from
     */
    static BenchDatabase create(String url, String user, String password, boolean keep) throws SQLException {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("--pg-url (PG_URL) must be a JDBC URL such as "
                    + "jdbc:postgresql://127.0.0.1:5432/postgres");
        }
        String server = m.group(1);
        String admin = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
        String parameters = m.group(3) == null ? "" : m.group(3);
        String name = ("at_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, RANDOM_CHARS))
                .toLowerCase(Locale.ROOT);
        BenchDatabase db = new BenchDatabase(server, server + "/" + admin + parameters, parameters, user, password,
                name, keep);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    String name() {
        return name;
    }

    String url() {
        return serverUrl + "/" + name + parameters;
    }

    /** Host, port and database: what may be printed (no user, no password, no parameters). */
    String describe() {
        return serverUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("^.*@", "") + "/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), properties());
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, properties()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }

    /** Drops the database unless it is to be kept; a bench that ends with an error drops it too. */
    @Override
    public void close() throws SQLException {
        if (!keep) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
