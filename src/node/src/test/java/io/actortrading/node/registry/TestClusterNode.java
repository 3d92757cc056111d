package io.actortrading.node.registry;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real cluster node for tests: artery on a free port, the registry's LMDB store in the given
 * directory, and the node's reference.conf underneath.
 */
public final class TestClusterNode {

    private static final Duration UP_TIMEOUT = Duration.ofSeconds(30);

    /** Starts a node that forms a cluster of its own. */
    public static ActorTestKit startAlone(String name, Path durableDir, List<String> initialSymbols, String extraConfig) {
        ActorTestKit node = ActorTestKit.create(name, config(durableDir, initialSymbols, extraConfig));
        join(node, Cluster.get(node.system()).selfMember().address());
        return node;
    }

    /** Starts a node that joins the cluster {@code seed} belongs to (a cluster has one system name). */
    public static ActorTestKit startJoining(ActorTestKit seed, Path durableDir, List<String> initialSymbols) {
        ActorTestKit node = startUnjoined(seed.system().name(), durableDir, initialSymbols);
        join(node, seed);
        return node;
    }

    /** Starts a node that is not a cluster member yet; {@link #join} it later. */
    public static ActorTestKit startUnjoined(String systemName, Path durableDir, List<String> initialSymbols) {
        return ActorTestKit.create(systemName, config(durableDir, initialSymbols, ""));
    }

    /** Joins {@code node} to the cluster {@code seed} belongs to and waits until it is up. */
    public static void join(ActorTestKit node, ActorTestKit seed) {
        join(node, Cluster.get(seed.system()).selfMember().address());
    }

    private static void join(ActorTestKit node, Address seed) {
        TestProbe<SelfUp> up = node.createTestProbe();
        Cluster cluster = Cluster.get(node.system());
        cluster.subscriptions().tell(Subscribe.create(up.ref(), SelfUp.class));
        cluster.manager().tell(Join.create(seed));
        up.expectMessageClass(SelfUp.class, UP_TIMEOUT);
    }

    private static Config config(Path durableDir, List<String> initialSymbols, String extraConfig) {
        return ConfigFactory.parseString(extraConfig)
                .withFallback(ConfigFactory.parseString("""
                        pekko.actor.provider = cluster
                        pekko.remote.artery.canonical.hostname = "127.0.0.1"
                        pekko.remote.artery.canonical.port = 0
                        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                        pekko.cluster.min-nr-of-members = 1
                        pekko.coordinated-shutdown.terminate-actor-system = on
                        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                        pekko.cluster.run-coordinated-shutdown-when-down = off
                        pekko.loglevel = WARNING
                        """))
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(durableDir.toAbsolutePath().toString()))
                .withValue("actortrading.symbols.initial", ConfigValueFactory.fromIterable(initialSymbols))
                .withFallback(ConfigFactory.load());
    }

    private TestClusterNode() {
    }
}
