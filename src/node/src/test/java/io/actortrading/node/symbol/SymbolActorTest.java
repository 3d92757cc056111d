package io.actortrading.node.symbol;

import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The symbol actor on the real embedded journal (H2 in a temporary directory) and a real
 * single-node cluster: recovery reproduces the uninterrupted state, and a poison message hurts only
 * the symbol it was sent to.
 */
class SymbolActorTest {

    private static final String SYMBOL = "BTC-USD";
    private static final long START = Instant.parse("2026-03-02T14:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final int TICKS_PER_MINUTE = 12;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private JournalKits kits;

    @BeforeEach
    void journals() {
        kits = new JournalKits(dir);
    }

    @AfterEach
    void shutDown() {
        kits.shutDown();
    }

    private ActorTestKit kit(String name) {
        return kits.kit(name, "actortrading.symbol.snapshot-every = 10");
    }

    private static SymbolActor.Environment environment(ActorTestKit kit, ActorRef<SymbolActor.SymbolUpdate> listener) {
        return new SymbolActor.Environment(JournalKits.settings(kit), new MarketClock.EventTime(), listener,
                IngestMetrics.get(kit.system()));
    }

    /** A random walk of {@code minutes} minutes of trades, split into batches of a few ticks. */
    private static List<List<MarketEvent>> market(String symbol, int minutes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<MarketEvent>> batches = new ArrayList<>();
        List<MarketEvent> batch = new ArrayList<>();
        double price = 30_000;
        for (int m = 0; m < minutes; m++) {
            for (int i = 0; i < TICKS_PER_MINUTE; i++) {
                price *= 1 + random.nextGaussian() * 0.001;
                long ts = START + m * MINUTE + i * (MINUTE / TICKS_PER_MINUTE) + random.nextInt(1000);
                batch.add(Tick.of(symbol, ts, price, 0.01 + random.nextDouble(), "test"));
                if (batch.size() == 5) {
                    batches.add(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static SymbolView view(ActorTestKit kit, ActorRef<SymbolActor.Command> symbol) {
        TestProbe<SymbolView> probe = kit.createTestProbe();
        symbol.tell(new SymbolActor.GetView(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private static void feed(ActorRef<SymbolActor.Command> symbol, List<List<MarketEvent>> batches,
                             ActorRef<FeedRouter.Command> ack) {
        for (List<MarketEvent> batch : batches) {
            symbol.tell(new SymbolActor.Ingest(batch, System.nanoTime(), ack));
        }
    }

    @Test
    void aSymbolStoppedMidMinuteRecoversToExactlyTheStateOfAnUninterruptedTwin() {
        List<List<MarketEvent>> batches = market(SYMBOL, 75, 7);
        int half = batches.size() / 2 + 1;

        ActorTestKit twinKit = kit("twin");
        TestProbe<FeedRouter.Command> twinAcks = twinKit.createTestProbe();
        ActorRef<SymbolActor.Command> twin = twinKit.spawn(SymbolActor.create(SYMBOL,
                environment(twinKit, twinKit.<SymbolActor.SymbolUpdate>createTestProbe().ref())));
        feed(twin, batches, twinAcks.ref());
        SymbolView expected = view(twinKit, twin);

        ActorTestKit kit = kit("interrupted");
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        SymbolActor.Environment env = environment(kit, kit.<SymbolActor.SymbolUpdate>createTestProbe().ref());
        ActorRef<SymbolActor.Command> first = kit.spawn(SymbolActor.create(SYMBOL, env));
        feed(first, batches.subList(0, half), acks.ref());
        SymbolView beforeStop = view(kit, first);
        assertThat(beforeStop.forming()).as("stopped in the middle of a minute").isNotEmpty();
        first.tell(SymbolActor.Passivate.INSTANCE);
        acks.expectTerminated(first, WAIT);

        ActorRef<SymbolActor.Command> recovered = kit.spawn(SymbolActor.create(SYMBOL, env));
        assertThat(view(kit, recovered)).usingRecursiveComparison().isEqualTo(beforeStop);
        feed(recovered, batches.subList(half, batches.size()), acks.ref());
        SymbolView actual = view(kit, recovered);

        assertThat(expected.features()).as("features are warm after 75 minutes").isNotNull();
        assertThat(expected.closed()).isNotEmpty();
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void aSymbolThatCrashedAtAMinuteBoundaryRecoversItsCandlesIndicatorsAndFeaturesFromTheJournal() {
        List<List<MarketEvent>> all = market(SYMBOL, 80, 11);
        int crashAt = 64 * TICKS_PER_MINUTE / 5;
        List<List<MarketEvent>> first = all.subList(0, crashAt);
        List<List<MarketEvent>> rest = all.subList(crashAt, all.size());

        ActorTestKit twinKit = kit("twin-crash");
        TestProbe<FeedRouter.Command> twinAcks = twinKit.createTestProbe();
        ActorRef<SymbolActor.Command> twin = twinKit.spawn(SymbolActor.create(SYMBOL,
                environment(twinKit, twinKit.<SymbolActor.SymbolUpdate>createTestProbe().ref())));
        feed(twin, first, twinAcks.ref());
        twin.tell(SymbolActor.Flush.INSTANCE);
        feed(twin, rest, twinAcks.ref());
        SymbolView expected = view(twinKit, twin);

        ActorTestKit kit = kit("crashed");
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        TestProbe<SymbolActor.SymbolUpdate> listener = kit.createTestProbe();
        ActorRef<SymbolActor.Command> symbol = kit.spawn(SymbolActor.create(SYMBOL, environment(kit, listener.ref())));
        feed(symbol, first, acks.ref());
        symbol.tell(SymbolActor.Flush.INSTANCE);
        // Crash once the minute is on disk: commands stashed while persisting would die with the actor.
        listener.fishForMessage(WAIT, update -> update instanceof SymbolActor.Flushed
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        symbol.tell(new SymbolActor.Ingest(null, System.nanoTime(), acks.ref()));
        feed(symbol, rest, acks.ref());
        SymbolView actual = view(kit, symbol);

        assertThat(actual.counters().ticks()).as("the restart really lost the in-memory counters")
                .isLessThan(expected.counters().ticks());
        assertThat(actual).usingRecursiveComparison().ignoringFields("counters", "quality").isEqualTo(expected);
    }

    @Test
    void aPoisonMessageRestartsOnlyTheSymbolItWasSentTo() {
        ActorTestKit kit = kit("poison");
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        TestProbe<SymbolActor.SymbolUpdate> listener = kit.createTestProbe();
        SymbolActor.Environment env = environment(kit, listener.ref());
        ActorRef<ShardingEnvelope<SymbolActor.Command>> region = ClusterSharding.get(kit.system()).init(
                Entity.of(SymbolActor.TYPE_KEY, entity -> SymbolActor.create(entity.getEntityId(), env)));
        TestProbe<FeedRouter.Command> acks = kit.createTestProbe();
        List<List<MarketEvent>> healthy = market("ETH-USD", 10, 3);
        List<List<MarketEvent>> poisoned = market(SYMBOL, 10, 4);
        int half = healthy.size() / 2;

        for (int i = 0; i < half; i++) {
            region.tell(new ShardingEnvelope<>("ETH-USD", new SymbolActor.Ingest(healthy.get(i), System.nanoTime(), acks.ref())));
            region.tell(new ShardingEnvelope<>(SYMBOL, new SymbolActor.Ingest(poisoned.get(i), System.nanoTime(), acks.ref())));
        }
        region.tell(new ShardingEnvelope<>(SYMBOL, new SymbolActor.Ingest(null, System.nanoTime(), acks.ref())));
        for (int i = half; i < healthy.size(); i++) {
            region.tell(new ShardingEnvelope<>("ETH-USD", new SymbolActor.Ingest(healthy.get(i), System.nanoTime(), acks.ref())));
        }

        TestProbe<SymbolView> views = kit.createTestProbe();
        region.tell(new ShardingEnvelope<>("ETH-USD", new SymbolActor.GetView(views.ref())));
        SymbolView eth = views.receiveMessage(WAIT);
        assertThat(eth.counters().ticks()).as("the healthy symbol saw every tick")
                .isEqualTo(healthy.stream().mapToLong(List::size).sum());

        for (int i = half; i < poisoned.size(); i++) {
            region.tell(new ShardingEnvelope<>(SYMBOL, new SymbolActor.Ingest(poisoned.get(i), System.nanoTime(), acks.ref())));
        }
        region.tell(new ShardingEnvelope<>(SYMBOL, new SymbolActor.GetView(views.ref())));
        SymbolView btc = views.receiveMessage(WAIT);
        assertThat(btc.lastEventAt()).as("the poisoned symbol came back and took the rest of its stream")
                .isEqualTo(poisoned.get(poisoned.size() - 1).stream().mapToLong(MarketEvent::timestamp).max().orElseThrow());
        assertThat(btc.closed()).isNotEmpty();
    }
}
