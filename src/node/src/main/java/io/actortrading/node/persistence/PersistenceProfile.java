package io.actortrading.node.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where a node keeps its journal: the embedded H2 file database (the default, one node) or PostgreSQL
 * (production, a cluster). The PostgreSQL profile replaces the shared database of
 * pekko-persistence-jdbc, so the journal, snapshots and durable state all move together, and switches
 * on the projections that fill {@code market_data}.
 */
public record PersistenceProfile(Kind kind, PostgresSettings postgres) {

    public enum Kind { H2, POSTGRES }

    /**
     * @param url            a JDBC URL, {@code jdbc:postgresql://host:port/database}
     * @param schemaTimeout  how long a starting node retries an unreachable database before it gives up
     */
    public record PostgresSettings(String url, String user, String password, int maxConnections,
                                   Duration schemaTimeout, Duration connectTimeout, Duration socketTimeout) {

        private static final String PREFIX = "jdbc:postgresql://";

        public PostgresSettings {
            if (!url.startsWith(PREFIX)) {
                throw new IllegalArgumentException("actortrading.persistence.postgres.url (PG_URL) must be a JDBC URL such as "
                        + PREFIX + "127.0.0.1:5432/actortrading, not '" + PostgresSettings.describe(url) + "'");
            }
        }

        /** Host, port and database of the URL: what may appear in a log line (no user, no password parameter). */
        public String describe() {
            return describe(url);
        }

        private static String describe(String url) {
            String withoutParameters = url.split("\\?", 2)[0].replaceFirst("^jdbc:postgresql://", "");
            int at = withoutParameters.lastIndexOf('@');
            return at < 0 ? withoutParameters : withoutParameters.substring(at + 1);
        }

        /** Driver properties that make a dead server fail a call instead of hanging it. */
        public java.util.Properties connectionProperties() {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            properties.setProperty("connectTimeout", Long.toString(connectTimeout.toSeconds()));
            properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
            properties.setProperty("tcpKeepAlive", "true");
            return properties;
        }
    }

    private static final String SHARED_DB = "pekko-persistence-jdbc.shared-databases.default";

    public static PersistenceProfile fromConfig(Config config) {
        Config persistence = config.getConfig("actortrading.persistence");
        String name = persistence.getString("profile").trim().toLowerCase(Locale.ROOT);
        Kind kind = switch (name) {
            case "h2" -> Kind.H2;
            case "postgres", "postgresql" -> Kind.POSTGRES;
            default -> throw new IllegalArgumentException(
                    "actortrading.persistence.profile must be \"h2\" or \"postgres\", not '" + name + "'");
        };
        Config pg = persistence.getConfig("postgres");
        PostgresSettings postgres = kind == Kind.POSTGRES ? new PostgresSettings(pg.getString("url"),
                pg.getString("user"), pg.getString("password"), pg.getInt("max-connections"),
                pg.getDuration("schema-timeout"), pg.getDuration("connect-timeout"), pg.getDuration("socket-timeout"))
                : null;
        return new PersistenceProfile(kind, postgres);
    }

    public boolean usesPostgres() {
        return kind == Kind.POSTGRES;
    }

    /** The configuration with the journal's shared database pointed at this profile's store. */
    public Config applyTo(Config config) {
        if (!usesPostgres()) {
            return config;
        }
        Map<String, Object> db = Map.of(
                SHARED_DB + ".profile", "slick.jdbc.PostgresProfile$",
                SHARED_DB + ".db.url", postgres.url(),
                SHARED_DB + ".db.user", postgres.user(),
                SHARED_DB + ".db.password", postgres.password(),
                SHARED_DB + ".db.driver", "org.postgresql.Driver",
                SHARED_DB + ".db.numThreads", postgres.maxConnections(),
                SHARED_DB + ".db.maxConnections", postgres.maxConnections(),
                SHARED_DB + ".db.connectionTimeout", postgres.connectTimeout().toMillis());
        return ConfigFactory.parseMap(db).withFallback(config);
    }
}
