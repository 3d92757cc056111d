package io.actortrading.feeds.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actortrading.feeds.ratelimit.RequestBudgets;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A stream feed's world in a test: a scripted provider socket on loopback, provider settings pointing
 * at it (with the test's overrides, e.g. short backoffs), the provider's gate, and probes standing in
 * for the node's output and health listener.
 */
public final class StreamFeedRig implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(10);

    public final ProviderSocketServer server;
    public final TestProbe<MarketEvent> events;
    public final TestProbe<SourceHealth> health;
    public final FeedEnvironment env;
    private final ActorTestKit kit;

    private StreamFeedRig(ActorTestKit kit, ProviderSocketServer server, FeedEnvironment env,
                          TestProbe<MarketEvent> events, TestProbe<SourceHealth> health) {
        this.kit = kit;
        this.server = server;
        this.env = env;
        this.events = events;
        this.health = health;
    }

    /**
     * @param overrides HOCON inside the provider's block, e.g. {@code reconnect.min = 50ms}; {@code ws-url}
     *                  is set to the server's
     */
    public static StreamFeedRig start(ActorTestKit kit, String provider, String overrides,
                                      ProviderSocketServer.Script script) throws Exception {
        return start(kit, provider, overrides, script, System::currentTimeMillis);
    }

    /** @param marketNow the market clock the feed sees (sessions decide whether silence is suspicious) */
    public static StreamFeedRig start(ActorTestKit kit, String provider, String overrides,
                                      ProviderSocketServer.Script script, LongSupplier marketNow) throws Exception {
        ProviderSocketServer server = ProviderSocketServer.start(kit.system(), script);
        Config block = ConfigFactory.parseString(overrides + "\nws-url = \"" + server.url() + "\"")
                .withFallback(ConfigFactory.load().getConfig("actortrading.feeds.providers." + provider));
        ProviderSettings settings = ProviderSettings.fromConfig(provider, block);
        ProviderGate gate = ProviderGate.create(kit.system(), settings, new RequestBudgets());
        TestProbe<MarketEvent> events = kit.createTestProbe();
        TestProbe<SourceHealth> health = kit.createTestProbe();
        ActorRef<MarketEvent> eventsRef = events.ref();
        FeedEnvironment env = new FeedEnvironment(settings, gate,
                () -> Sink.<MarketEvent>foreach(eventsRef::tell).mapMaterializedValue(done -> NotUsed.getInstance()),
                health.ref(), SymbolMapping.standard(), marketNow);
        return new StreamFeedRig(kit, server, env, events, health);
    }

    /** Spawns the feed and gives it the symbols. */
    public ActorRef<StreamFeed.Command> spawn(Behavior<StreamFeed.Command> feed, String... symbols) {
        ActorRef<StreamFeed.Command> ref = kit.spawn(feed);
        ref.tell(new StreamFeed.Subscribe(Set.of(symbols)));
        return ref;
    }

    /** Spawns the feed, gives it the symbols and waits until it streams. */
    public ActorRef<StreamFeed.Command> streaming(Behavior<StreamFeed.Command> feed, String... symbols) {
        ActorRef<StreamFeed.Command> ref = spawn(feed, symbols);
        healthUntil(ConnectionState.STREAMING);
        return ref;
    }

    public SourceStatus status(ActorRef<StreamFeed.Command> feed) {
        TestProbe<SourceStatus> reply = kit.createTestProbe();
        feed.tell(new StreamFeed.GetStatus(reply.ref()));
        return reply.receiveMessage(PATIENCE);
    }

    /** The health messages up to and including the first in {@code state}; fails if it does not come. */
    public List<SourceHealth> healthUntil(ConnectionState state) {
        return health.fishForMessage(PATIENCE, h -> h.state() == state
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndCollect());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
