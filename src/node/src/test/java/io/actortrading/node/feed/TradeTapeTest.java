package io.actortrading.node.feed;

import com.typesafe.config.ConfigFactory;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The router tells its tape (the Redis publisher) every batch it routed, once, without what it dropped. */
class TradeTapeTest {

    private static final long T0 = 1_772_461_800_000L;

    private final ActorTestKit kit = ActorTestKit.create(
            ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0").withFallback(ConfigFactory.load()));
    private TestProbe<List<MarketEvent>> tape;
    private TestProbe<FeedRouter.Ack> acks;
    private ActorRef<FeedRouter.Command> router;

    @BeforeEach
    void start() {
        TestProbe<ShardingEnvelope<SymbolActor.Command>> shards = kit.createTestProbe();
        tape = kit.createTestProbe();
        acks = kit.createTestProbe();
        FeedRouter.Settings settings = FeedRouter.Settings.fromConfig(
                kit.system().settings().config().getConfig("actortrading.router"));
        router = kit.spawn(FeedRouter.create(shards.ref(), settings, null, SourceFailover.Settings.none(),
                () -> Long.MIN_VALUE, routed -> tape.ref().tell(routed)));
        router.tell(new FeedRouter.SymbolsChanged(Set.of("NVDA", "MSFT"), Map.of()));
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void aBatchOfRegisteredSymbolsIsHandedOnAsItCame() {
        List<MarketEvent> batch = List.of(Tick.of("NVDA", T0, 100, 1, "synthetic"),
                Tick.of("MSFT", T0 + 1, 400, 2, "synthetic"));

        router.tell(new FeedRouter.Route("synthetic", batch, System.nanoTime(), acks.ref()));

        assertThat(tape.receiveMessage()).isSameAs(batch);
    }

    @Test
    void eventsOfUnregisteredSymbolsAreLeftOut() {
        Tick nvda = Tick.of("NVDA", T0, 100, 1, "synthetic");
        Tick msft = Tick.of("MSFT", T0 + 2, 400, 2, "synthetic");

        router.tell(new FeedRouter.Route("synthetic", List.of(nvda, Tick.of("TSLA", T0 + 1, 250, 3, "synthetic"), msft),
                System.nanoTime(), acks.ref()));

        assertThat(tape.receiveMessage()).containsExactlyInAnyOrder(nvda, msft);
    }
}
