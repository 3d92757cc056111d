package io.actortrading.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.javadsl.PekkoManagement;

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
import java.util.concurrent.TimeUnit;

/** Starts a node's ActorSystem from configuration, after making sure its journal schema exists. */
public final class NodeLauncher {

    public static final String SYSTEM_NAME = "ActorTrading";
    private static final String H2_PROFILE = "slick.jdbc.H2Profile$";
    private static final String H2_SCHEMA = "/schema/h2-journal.sql";
    private static final String SHARED_DB = "pekko-persistence-jdbc.shared-databases.default";
    private static final Duration MANAGEMENT_START_TIMEOUT = Duration.ofSeconds(10);

    private NodeLauncher() {
    }

    /** The given settings over the application's and the reference configuration. */
    public static Config configure(Config overrides) {
        return overrides.withFallback(ConfigFactory.load()).resolve();
    }

    public static ActorSystem<NodeGuardian.Command> start(Config config, NodeGuardian.Options options) {
        ensureJournalSchema(config);
        return ActorSystem.create(NodeGuardian.create(options), SYSTEM_NAME, config);
    }

    /** The inspection endpoint (Pekko Management plus the project's routes). */
    public static void startInspection(ActorSystem<?> system) {
        try {
            PekkoManagement.get(system.classicSystem()).start().toCompletableFuture()
                    .get(MANAGEMENT_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Inspection endpoint did not start on "
                    + system.settings().config().getString("pekko.management.http.hostname") + ":"
                    + system.settings().config().getInt("pekko.management.http.port")
                    + " (is another node using that port? set pekko.management.http.port): " + e.getMessage(), e);
        }
    }

    /**
     * The embedded H2 journal's tables are created before the system starts (idempotently), so the
     * first persist of the first symbol never races the schema.
     */
    public static void ensureJournalSchema(Config config) {
        Config db = config.getConfig(SHARED_DB);
        if (!H2_PROFILE.equals(db.getString("profile"))) {
            return;
        }
        String url = db.getString("db.url");
        createParentDirectory(url);
        try (InputStream in = NodeLauncher.class.getResourceAsStream(H2_SCHEMA);
             Connection connection = DriverManager.getConnection(url, db.getString("db.user"), db.getString("db.password"));
             Statement statement = connection.createStatement()) {
            if (in == null) {
                throw new IllegalStateException(H2_SCHEMA + " is missing from the node's jar");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the journal at " + url + ": " + e.getMessage(), e);
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
