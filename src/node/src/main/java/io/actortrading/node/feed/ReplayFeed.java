package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.feeds.replay.ReplayFormat;
import io.actortrading.feeds.replay.ReplayReader;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.node.clock.MarketClock;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Recorded data as a live feed (the demo's bundled session). Paced by the market clock: an event
 * is handed on when market time reaches it, so a replayed session looks like a live one, only as
 * fast as the clock runs. When the files end the feed is done; if they cannot be read it fails and
 * its supervisor tries again after a backoff.
 */
public final class ReplayFeed {

    public static final String SOURCE = "replay";

    public sealed interface Command permits Ended {
    }

    private record Ended(Throwable failure) implements Command {
    }

    /** {@code actortrading.feeds.replay}. */
    public record Settings(List<Path> files, ReplayFormat format, boolean paced) {
        public static Settings fromConfig(Config c) {
            String formatName = c.getString("format");
            ReplayFormat format = ReplayFormat.fromCliName(formatName).orElseThrow(() ->
                    new IllegalArgumentException("actortrading.feeds.replay.format: unknown format '" + formatName + "'"));
            return new Settings(c.getStringList("files").stream().map(Path::of).toList(), format,
                    c.getBoolean("paced"));
        }
    }

    public static Behavior<Command> create(Settings settings, MarketClock clock, ActorRef<FeedRouter.Command> router,
                                           int maxBatch) {
        return Behaviors.setup(context -> {
            Source<MarketEvent, ?> events = ReplayReader.source(settings.files(), settings.format(), SOURCE);
            if (settings.paced()) {
                events = events.mapAsync(1, event -> dueAt(event, clock, context.getSystem()));
            }
            var running = events
                    .viaMat(KillSwitches.single(), Keep.right())
                    .alsoToMat(Sink.ignore(), Keep.both())
                    .to(FeedRouter.sink(router, SOURCE, maxBatch))
                    .run(context.getSystem());
            UniqueKillSwitch killSwitch = running.first();
            running.second().whenComplete((Done done, Throwable failure) -> context.getSelf().tell(new Ended(failure)));
            return Behaviors.receive(Command.class)
                    .onMessage(Ended.class, ended -> {
                        if (ended.failure() != null) {
                            // The supervisor restarts the replay from the top after a backoff; bars it
                            // already delivered come again and are dropped by the symbols as late.
                            throw new IllegalStateException("replay of " + settings.files() + " failed: "
                                    + ended.failure().getMessage(), ended.failure());
                        }
                        context.getLog().info("Replay of {} finished", settings.files());
                        return Behaviors.stopped();
                    })
                    .onSignal(PostStop.class, stop -> {
                        killSwitch.shutdown();
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static CompletionStage<MarketEvent> dueAt(MarketEvent event, MarketClock clock,
                                                      ActorSystem<?> system) {
        // A recorded bar is only known once its minute is over.
        long wait = clock.wallMillisUntil(event instanceof Bar bar ? bar.end() : event.timestamp());
        if (wait <= 0) {
            return CompletableFuture.completedFuture(event);
        }
        return Patterns.after(Duration.ofMillis(wait), system.classicSystem().scheduler(),
                system.executionContext(), () -> CompletableFuture.completedFuture(event));
    }
}
