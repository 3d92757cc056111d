package io.actortrading.node.symbol;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.node.persistence.JournalSchema;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Actor test kits, each on its own embedded journal (H2 in a directory of its name), shut down together. */
final class JournalKits {

    private final Path dir;
    private final List<ActorTestKit> kits = new ArrayList<>();

    JournalKits(Path dir) {
        this.dir = dir;
    }

    /** A kit whose configuration is {@code overrides} over the node's. */
    ActorTestKit kit(String name, String overrides) {
        Config config = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString("""
                        pekko.remote.artery.canonical.port = 0
                        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                        pekko-persistence-jdbc.shared-databases.default.db.url = "jdbc:h2:file:%s;DATABASE_TO_UPPER=false"
                        """.formatted(dir.resolve(name).resolve("journal").toAbsolutePath())))
                .withFallback(ConfigFactory.load()).resolve();
        JournalSchema.ensure(config);
        ActorTestKit kit = ActorTestKit.create(name, config);
        kits.add(kit);
        return kit;
    }

    /** The kit's symbol settings, without grace: event time is the only clock in these tests. */
    static SymbolSettings settings(ActorTestKit kit) {
        return SymbolSettings.fromConfig(kit.system().settings().config().getConfig("actortrading.symbol")).withoutGrace();
    }

    void shutDown() {
        kits.forEach(ActorTestKit::shutdownTestKit);
    }
}
