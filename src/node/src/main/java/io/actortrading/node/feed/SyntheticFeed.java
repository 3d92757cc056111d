package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.feeds.synthetic.SyntheticMarket;
import io.actortrading.feeds.synthetic.SyntheticSettings;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.registry.SymbolRegistry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The synthetic market as a feed: a seeded random walk for every registered symbol whose sources
 * include {@code synthetic} or name no source at all, at a configured rate, stamped with the node's
 * market clock.
 *
 * <p>The walk lives inside the stream (one thread at a time touches it); the actor only tells the
 * stream which symbols to walk, through an atomic reference the stream reads before each emission.
 */
public final class SyntheticFeed {

    public static final String SOURCE = "synthetic";

    public sealed interface Command permits SymbolsListed, StreamEnded {
    }

    private record SymbolsListed(SymbolRegistry.Listing listing) implements Command {
    }

    private record StreamEnded(Throwable failure) implements Command {
    }

    /** {@code actortrading.feeds.synthetic}. */
    public record Settings(double ticksPerSecond, long seed, Duration emitInterval, int maxTicksPerEmit,
                           List<String> fixedSymbols) {
        public static Settings fromConfig(Config c) {
            return new Settings(c.getDouble("ticks-per-second"), c.getLong("seed"),
                    c.getDuration("emit-interval"), c.getInt("max-ticks-per-emit"),
                    List.copyOf(c.getStringList("symbols")));
        }
    }

    public static Behavior<Command> create(Settings settings, MarketClock clock, ActorRef<FeedRouter.Command> router,
                                           ActorRef<SymbolRegistry.Command> registry, int maxBatch) {
        return Behaviors.setup(context -> {
            AtomicReference<List<String>> wanted = new AtomicReference<>(settings.fixedSymbols());
            if (settings.fixedSymbols().isEmpty()) {
                registry.tell(new SymbolRegistry.Subscribe(
                        context.messageAdapter(SymbolRegistry.Listing.class, SymbolsListed::new)));
            }
            UniqueKillSwitch killSwitch = run(context, settings, clock, router, wanted, maxBatch);
            return Behaviors.receive(Command.class)
                    .onMessage(SymbolsListed.class, listed -> {
                        wanted.set(symbolsFor(listed.listing()));
                        return Behaviors.same();
                    })
                    .onMessage(StreamEnded.class, ended -> {
                        // Restart (with the supervisor's backoff) rather than go silent.
                        throw new IllegalStateException("synthetic feed stream ended", ended.failure());
                    })
                    .onSignal(PostStop.class, stop -> {
                        killSwitch.shutdown();
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static List<String> symbolsFor(SymbolRegistry.Listing listing) {
        List<String> symbols = new ArrayList<>();
        for (SymbolRegistry.RegisteredSymbol s : listing.symbols()) {
            if (s.sources().isEmpty() || s.sources().contains(SOURCE)) {
                symbols.add(s.symbol());
            }
        }
        return List.copyOf(symbols);
    }

    private static UniqueKillSwitch run(ActorContext<Command> context, Settings settings, MarketClock clock,
                                        ActorRef<FeedRouter.Command> router,
                                        AtomicReference<List<String>> wanted, int maxBatch) {
        SyntheticMarket market = new SyntheticMarket(new SyntheticSettings(List.of(), settings.ticksPerSecond(),
                clock.speed(), clock.now(Long.MIN_VALUE), settings.seed()));
        var result = Source.tick(Duration.ZERO, settings.emitInterval(), Boolean.TRUE)
                .viaMat(KillSwitches.single(), Keep.right())
                .mapConcat(tick -> {
                    reconcile(market, wanted.get());
                    if (market.symbols().isEmpty()) {
                        return List.<MarketEvent>of();
                    }
                    // The market's own arrival process sets the rate: every trade up to market time now.
                    List<MarketEvent> ticks = new ArrayList<>();
                    market.emit(clock.now(Long.MIN_VALUE), settings.maxTicksPerEmit(), ticks::add);
                    return ticks;
                })
                .alsoToMat(Sink.ignore(), Keep.both())
                .to(FeedRouter.sink(router, SOURCE, maxBatch))
                .run(context.getSystem());
        UniqueKillSwitch killSwitch = result.first();
        result.second().whenComplete((Done done, Throwable failure) ->
                context.getSelf().tell(new StreamEnded(failure)));
        return killSwitch;
    }

    private static void reconcile(SyntheticMarket market, List<String> wanted) {
        List<String> current = market.symbols();
        if (current.equals(wanted)) {
            return;
        }
        for (String s : List.copyOf(current)) {
            if (!wanted.contains(s)) {
                market.removeSymbol(s);
            }
        }
        for (String s : wanted) {
            if (!current.contains(s)) {
                market.addSymbol(s);
            }
        }
    }
}
