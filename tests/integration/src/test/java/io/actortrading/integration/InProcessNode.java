package io.actortrading.integration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actortrading.node.NodeGuardian;
import io.actortrading.node.NodeLauncher;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real node started in-process as {@code bin/actortrading node} starts one: H2 journal and LMDB
 * registry under a test's directory, a free cluster port, the inspection endpoint on a free port.
 *
 * @param host the inspection endpoint, for {@code atctl --host}
 */
public record InProcessNode(ActorSystem<NodeGuardian.Command> system, String host) implements AutoCloseable {

    private static final String TEST_NODE = """
            pekko.remote.artery.canonical.port = 0
            pekko.cluster.jmx.enabled = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            """;
    private static final long STOP_SECONDS = 30;

    /** @param clock the market clock, or null for the one {@code actortrading.clock} configures */
    public static InProcessNode start(Config settings, Path dataDir, MarketClock clock) {
        int port = LocalPorts.free();
        Config config = NodeLauncher.configure(settings.withFallback(ConfigFactory.parseString(TEST_NODE))
                .withValue("pekko.management.http.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko-persistence-jdbc.shared-databases.default.db.url", ConfigValueFactory.fromAnyRef(
                        "jdbc:h2:file:" + dataDir.resolve("journal").resolve("actortrading").toAbsolutePath()
                                + ";DATABASE_TO_UPPER=false"))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(dataDir.resolve("ddata").toAbsolutePath().toString())));
        MarketClock marketClock = clock != null ? clock : MarketClock.fromConfig(config.getConfig("actortrading.clock"));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(config, new NodeGuardian.Options(marketClock,
                false, false, true, Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        NodeLauncher.startInspection(system);
        return new InProcessNode(system, "127.0.0.1:" + port);
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().orTimeout(STOP_SECONDS, TimeUnit.SECONDS).join();
    }
}
