package io.actortrading.node.feed;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed that fails is restarted with backoff by its supervisor, which itself stays up: here a
 * replay whose file is missing fails, and once the file appears a restart delivers its bars.
 */
class FeedSupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ActorTestKit kit = ActorTestKit.create(
            ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0").withFallback(ConfigFactory.load()));

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void aFailingFeedIsRestartedWithBackoffUntilItSucceeds() throws Exception {
        Path file = dir.resolve("session.csv");
        Config feeds = ConfigFactory.parseString("""
                        restart-backoff { min = 200ms, max = 400ms, random-factor = 0 }
                        synthetic.enabled = off
                        replay { enabled = on, format = "csv-bars", paced = off, files = ["%s"] }
                        """.formatted(file.toAbsolutePath()))
                .withFallback(kit.system().settings().config().getConfig("actortrading.feeds"));
        TestProbe<ShardingEnvelope<SymbolActor.Command>> shards = kit.createTestProbe();
        FeedRouter.Settings routerSettings = FeedRouter.Settings.fromConfig(
                kit.system().settings().config().getConfig("actortrading.router")).acceptingAllSymbols();
        ActorRef<FeedRouter.Command> router = kit.spawn(FeedRouter.create(shards.ref(), routerSettings, null));
        kit.spawn(FeedSupervisor.create(feeds, new MarketClock.EventTime(), router, null,
                routerSettings.maxBatch(), LiveSources.none()));

        TestProbe<FeedRouter.RouterStats> stats = kit.createTestProbe();
        router.tell(new FeedRouter.GetStats(stats.ref()));
        assertThat(stats.receiveMessage(WAIT).routed()).as("nothing to replay while the file is missing").isZero();
        shards.expectNoMessage(Duration.ofMillis(300));

        Files.writeString(file, """
                ts,symbol,open,high,low,close,volume
                2026-03-02T09:30:00-05:00,NVDA,100,101,99.5,100.5,1000
                """);
        ShardingEnvelope<SymbolActor.Command> delivered = shards.receiveMessage(WAIT);
        assertThat(delivered.entityId()).isEqualTo("NVDA");
        List<MarketEvent> events = ((SymbolActor.Ingest) delivered.message()).events();
        assertThat(events).as("the restarted replay read the file that now exists").hasSize(1);
    }
}
