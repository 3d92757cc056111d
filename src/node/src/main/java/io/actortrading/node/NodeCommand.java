package io.actortrading.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/** {@code actortrading node -c FILE}: a long-running node on the given configuration. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node until stopped (Ctrl+C). Configuration: HOCON file over the defaults.")
public final class NodeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, description = "HOCON configuration file (e.g. cluster-config/node.conf)")
    File configFile;

    @Override
    public Integer call() {
        Config overrides = ConfigFactory.empty();
        if (configFile != null) {
            if (!configFile.canRead()) {
                System.err.println("actortrading: cannot read configuration file " + configFile);
                return Main.EXIT_BAD_INPUT;
            }
            overrides = ConfigFactory.parseFile(configFile);
        }
        Config config = NodeLauncher.configure(overrides);
        MarketClock clock = MarketClock.fromConfig(config.getConfig("actortrading.clock"));
        ActorSystem<NodeGuardian.Command> system = NodeLauncher.start(config, new NodeGuardian.Options(clock, false, false, true,
                Behaviors.<SymbolActor.SymbolUpdate>ignore()));
        NodeLauncher.startInspection(system);
        Runtime.getRuntime().addShutdownHook(new Thread(system::terminate, "node-shutdown"));
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }
}
