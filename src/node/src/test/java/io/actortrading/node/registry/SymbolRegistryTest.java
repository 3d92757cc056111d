package io.actortrading.node.registry;

import io.actortrading.node.registry.SymbolRegistry.Listing;
import io.actortrading.node.registry.SymbolRegistry.RegisteredSymbol;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolRegistryTest {

    private static final Duration CLUSTER_WIDE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private final List<ActorTestKit> nodes = new ArrayList<>();

    @AfterEach
    void shutDownNodes() {
        nodes.forEach(ActorTestKit::shutdownTestKit);
    }

    private ActorTestKit node(String name, String storeDir, List<String> initialSymbols) {
        ActorTestKit node = TestClusterNode.startAlone(name, dataDir.resolve(storeDir), initialSymbols, "");
        nodes.add(node);
        return node;
    }

    @Test
    void addsListsAndRemovesSymbols() {
        ActorTestKit node = node("RegistryCrud", "store", List.of());
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());

        assertThat(add(node, registry, "nvda", List.of())).isInstanceOf(SymbolRegistry.Added.class);
        SymbolRegistry.AddResult btc = add(node, registry, "BTC-USD", List.of("Polygon", "synthetic"));
        assertThat(btc).isInstanceOf(SymbolRegistry.Added.class);
        assertThat(((SymbolRegistry.Added) btc).symbol().sources()).containsExactly("polygon", "synthetic");
        assertThat(add(node, registry, "EUR/USD", List.of())).isInstanceOf(SymbolRegistry.Added.class);

        assertThat(symbols(node, registry)).containsExactly("BTC-USD", "EUR/USD", "NVDA");

        SymbolRegistry.RemoveResult removed = remove(node, registry, "nvda");
        assertThat(removed).isInstanceOf(SymbolRegistry.Removed.class);
        assertThat(((SymbolRegistry.Removed) removed).symbol().symbol()).isEqualTo("NVDA");
        assertThat(symbols(node, registry)).containsExactly("BTC-USD", "EUR/USD");
    }

    @Test
    void aDuplicateAddKeepsTheFirstRegistration() {
        ActorTestKit node = node("RegistryDuplicate", "store", List.of());
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());

        assertThat(add(node, registry, "TSLA", List.of("polygon"))).isInstanceOf(SymbolRegistry.Added.class);
        SymbolRegistry.AddResult again = add(node, registry, " tsla ", List.of("synthetic"));

        assertThat(again).isInstanceOf(SymbolRegistry.AlreadyRegistered.class);
        RegisteredSymbol kept = ((SymbolRegistry.AlreadyRegistered) again).symbol();
        assertThat(kept.symbol()).isEqualTo("TSLA");
        assertThat(kept.sources()).containsExactly("polygon");
        assertThat(listing(node, registry).symbols()).hasSize(1);
    }

    @Test
    void writesQueuedBehindEachOtherSeeTheEarlierWrite() {
        ActorTestKit node = node("RegistryQueued", "store", List.of());
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());
        TestProbe<SymbolRegistry.AddResult> replies = node.createTestProbe();

        registry.tell(new SymbolRegistry.Add("AMD", List.of(), replies.ref()));
        registry.tell(new SymbolRegistry.Add("AMD", List.of(), replies.ref()));

        assertThat(replies.receiveMessage()).isInstanceOf(SymbolRegistry.Added.class);
        assertThat(replies.receiveMessage()).isInstanceOf(SymbolRegistry.AlreadyRegistered.class);
    }

    @Test
    void rejectsInvalidSymbolsAndSourcesWithoutWriting() {
        ActorTestKit node = node("RegistryInvalid", "store", List.of());
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());

        SymbolRegistry.AddResult dollars = add(node, registry, "$$$", List.of());
        assertThat(dollars).isInstanceOf(SymbolRegistry.Rejected.class);
        assertThat(((SymbolRegistry.Rejected) dollars).reason()).startsWith("invalid symbol '$$$': ");
        assertThat(add(node, registry, "", List.of())).isInstanceOf(SymbolRegistry.Rejected.class);
        assertThat(add(node, registry, "EUR/USD/JPY", List.of())).isInstanceOf(SymbolRegistry.Rejected.class);
        SymbolRegistry.AddResult badSource = add(node, registry, "AAPL", List.of("poly gon"));
        assertThat(badSource).isInstanceOf(SymbolRegistry.Rejected.class);
        assertThat(((SymbolRegistry.Rejected) badSource).reason()).contains("'poly gon'");

        assertThat(listing(node, registry).symbols()).isEmpty();
    }

    @Test
    void removingAnUnknownSymbolSaysSo() {
        ActorTestKit node = node("RegistryUnknown", "store", List.of("NVDA"));
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());

        SymbolRegistry.RemoveResult unknown = remove(node, registry, "TSLA");
        assertThat(unknown).isEqualTo(new SymbolRegistry.NotRegistered("TSLA"));
        assertThat(remove(node, registry, "$$$")).isEqualTo(new SymbolRegistry.NotRegistered("$$$"));
        assertThat(symbols(node, registry)).containsExactly("NVDA");
    }

    @Test
    void aSubscriberGetsTheCurrentListingAndEveryChange() {
        ActorTestKit node = node("RegistrySubscribe", "store", List.of("NVDA", "MSFT"));
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());
        TestProbe<Listing> subscriber = node.createTestProbe();

        registry.tell(new SymbolRegistry.Subscribe(subscriber.ref()));
        assertThat(subscriber.receiveMessage().names()).containsExactly("MSFT", "NVDA");

        add(node, registry, "TSLA", List.of());
        assertThat(nextDifferent(subscriber, List.of("MSFT", "NVDA")).names()).containsExactly("MSFT", "NVDA", "TSLA");

        remove(node, registry, "MSFT");
        assertThat(nextDifferent(subscriber, List.of("MSFT", "NVDA", "TSLA")).names()).containsExactly("NVDA", "TSLA");
    }

    @Test
    void aStoppedSubscriberIsNoLongerSentListings() {
        ActorTestKit node = node("RegistryDeadSubscriber", "store", List.of());
        ActorRef<SymbolRegistry.Command> registry = node.spawn(SymbolRegistry.create());
        TestProbe<Listing> live = node.createTestProbe();
        TestProbe<Listing> forwarded = node.createTestProbe();
        ActorRef<Listing> doomed = node.spawn(Behaviors.<Listing>receiveMessage(listing -> {
            forwarded.ref().tell(listing);
            return Behaviors.same();
        }));
        TestProbe<Object> undeliveredListings = node.createTestProbe();
        ActorRef<DeadLetter> deadLetters = node.spawn(Behaviors.<DeadLetter>receiveMessage(letter -> {
            if (letter.message() instanceof Listing) {
                undeliveredListings.ref().tell(letter.message());
            }
            return Behaviors.same();
        }));
        node.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, deadLetters));

        registry.tell(new SymbolRegistry.Subscribe(live.ref()));
        registry.tell(new SymbolRegistry.Subscribe(doomed));
        live.receiveMessage();
        forwarded.receiveMessage();
        node.stop(doomed);

        add(node, registry, "AAPL", List.of());
        assertThat(nextDifferent(live, List.of()).names()).containsExactly("AAPL");
        undeliveredListings.expectNoMessage(Duration.ofSeconds(1));
    }

    @Test
    void symbolsSurviveARestartOnTheSameStore() {
        ActorTestKit first = node("RegistryDurableA", "durable", List.of());
        ActorRef<SymbolRegistry.Command> registry = first.spawn(SymbolRegistry.create());
        add(first, registry, "NVDA", List.of("polygon"));
        add(first, registry, "BTC-USD", List.of());
        add(first, registry, "AMD", List.of());
        remove(first, registry, "AMD");
        first.shutdownTestKit();
        nodes.remove(first);

        ActorTestKit second = node("RegistryDurableB", "durable", List.of());
        ActorRef<SymbolRegistry.Command> restarted = second.spawn(SymbolRegistry.create());

        Listing listing = listing(second, restarted);
        assertThat(listing.names()).containsExactly("BTC-USD", "NVDA");
        assertThat(listing.find("NVDA").orElseThrow().sources()).containsExactly("polygon");
    }

    @Test
    void configuredSymbolsAreSeededOnceAndARemovalStaysRemoved() {
        ActorTestKit first = node("RegistrySeedA", "seeded", List.of("NVDA", "msft", "not a symbol"));
        ActorRef<SymbolRegistry.Command> registry = first.spawn(SymbolRegistry.create());
        assertThat(symbols(first, registry)).containsExactly("MSFT", "NVDA");
        remove(first, registry, "MSFT");
        first.shutdownTestKit();
        nodes.remove(first);

        ActorTestKit second = node("RegistrySeedB", "seeded", List.of("NVDA", "MSFT", "AAPL"));
        ActorRef<SymbolRegistry.Command> restarted = second.spawn(SymbolRegistry.create());

        assertThat(symbols(second, restarted)).containsExactly("AAPL", "NVDA");
    }

    @Test
    void twoNodesOfOneClusterSeeEachOthersChanges() {
        ActorTestKit a = node("RegistryCluster", "a", List.of());
        ActorTestKit b = TestClusterNode.startJoining(a, dataDir.resolve("b"), List.of());
        nodes.add(b);
        ActorRef<SymbolRegistry.Command> onA = a.spawn(SymbolRegistry.create());
        ActorRef<SymbolRegistry.Command> onB = b.spawn(SymbolRegistry.create());
        TestProbe<Listing> watchingA = a.createTestProbe();
        TestProbe<Listing> watchingB = b.createTestProbe();
        onA.tell(new SymbolRegistry.Subscribe(watchingA.ref()));
        onB.tell(new SymbolRegistry.Subscribe(watchingB.ref()));

        assertThat(add(a, onA, "NVDA", List.of("polygon"))).isInstanceOf(SymbolRegistry.Added.class);
        awaitNames(watchingB, List.of("NVDA"));
        assertThat(add(b, onB, "NVDA", List.of())).isInstanceOf(SymbolRegistry.AlreadyRegistered.class);

        assertThat(add(b, onB, "ETH-USD", List.of())).isInstanceOf(SymbolRegistry.Added.class);
        awaitNames(watchingA, List.of("ETH-USD", "NVDA"));

        assertThat(remove(b, onB, "NVDA")).isInstanceOf(SymbolRegistry.Removed.class);
        awaitNames(watchingA, List.of("ETH-USD"));
        assertThat(symbols(a, onA)).containsExactly("ETH-USD");
    }

    @Test
    void aNodeThatSeededBeforeJoiningDoesNotBringBackASymbolTheClusterRemoved() {
        ActorTestKit a = node("RegistrySeedCluster", "a", List.of("NVDA", "MSFT"));
        ActorRef<SymbolRegistry.Command> onA = a.spawn(SymbolRegistry.create());
        assertThat(remove(a, onA, "MSFT")).isInstanceOf(SymbolRegistry.Removed.class);
        ActorTestKit b = TestClusterNode.startUnjoined(a.system().name(), dataDir.resolve("b"),
                List.of("NVDA", "MSFT", "AAPL"));
        nodes.add(b);
        ActorRef<SymbolRegistry.Command> onB = b.spawn(SymbolRegistry.create());
        assertThat(symbols(b, onB)).containsExactly("AAPL", "MSFT", "NVDA");
        TestProbe<Listing> watchingA = a.createTestProbe();
        TestProbe<Listing> watchingB = b.createTestProbe();
        onA.tell(new SymbolRegistry.Subscribe(watchingA.ref()));
        onB.tell(new SymbolRegistry.Subscribe(watchingB.ref()));

        TestClusterNode.join(b, a);

        awaitNames(watchingA, List.of("AAPL", "NVDA"));
        awaitNames(watchingB, List.of("AAPL", "NVDA"));
    }

    private static void awaitNames(TestProbe<Listing> probe, List<String> expected) {
        probe.fishForMessage(CLUSTER_WIDE, listing -> List.copyOf(listing.names()).equals(expected)
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
    }

    /** The replicator may repeat a listing it already announced; the next change is what matters. */
    private static Listing nextDifferent(TestProbe<Listing> probe, List<String> previous) {
        List<Listing> seen = probe.fishForMessage(CLUSTER_WIDE, listing -> List.copyOf(listing.names()).equals(previous)
                ? FishingOutcomes.continueAndIgnore()
                : FishingOutcomes.complete());
        return seen.get(seen.size() - 1);
    }

    private static SymbolRegistry.AddResult add(ActorTestKit node, ActorRef<SymbolRegistry.Command> registry,
                                                String symbol, List<String> sources) {
        TestProbe<SymbolRegistry.AddResult> reply = node.createTestProbe();
        registry.tell(new SymbolRegistry.Add(symbol, sources, reply.ref()));
        return reply.receiveMessage(CLUSTER_WIDE);
    }

    private static SymbolRegistry.RemoveResult remove(ActorTestKit node, ActorRef<SymbolRegistry.Command> registry,
                                                      String symbol) {
        TestProbe<SymbolRegistry.RemoveResult> reply = node.createTestProbe();
        registry.tell(new SymbolRegistry.Remove(symbol, reply.ref()));
        return reply.receiveMessage(CLUSTER_WIDE);
    }

    private static Listing listing(ActorTestKit node, ActorRef<SymbolRegistry.Command> registry) {
        TestProbe<Listing> reply = node.createTestProbe();
        registry.tell(new SymbolRegistry.GetSymbols(reply.ref()));
        return reply.receiveMessage();
    }

    private static List<String> symbols(ActorTestKit node, ActorRef<SymbolRegistry.Command> registry) {
        return List.copyOf(listing(node, registry).names());
    }
}
