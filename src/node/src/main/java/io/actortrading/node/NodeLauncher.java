package io.actortrading.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.node.persistence.JournalSchema;
import io.actortrading.node.persistence.PersistenceProfile;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.javadsl.PekkoManagement;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Starts a node's ActorSystem from configuration, after making sure its journal schema exists. */
public final class NodeLauncher {

    public static final String SYSTEM_NAME = "ActorTrading";
    private static final Duration MANAGEMENT_START_TIMEOUT = Duration.ofSeconds(10);

    private NodeLauncher() {
    }

    /**
     * The given settings over the application's and the reference configuration, with the journal
     * pointed at the persistence profile's database.
     */
    public static Config configure(Config overrides) {
        Config config = overrides.withFallback(ConfigFactory.load()).resolve();
        return PersistenceProfile.fromConfig(config).applyTo(config);
    }

    public static ActorSystem<NodeGuardian.Command> start(Config config, NodeGuardian.Options options) {
        JournalSchema.ensure(config);
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
}
