package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.node.symbol.BackfillRequest;
import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fetches missing 1-minute bars for symbols from the providers' REST histories, trying them in the
 * configured order (Polygon aggregates, else Yahoo, else Twelve Data) and answering the symbol with
 * the bars of the first provider that has data. Requests wait in a bounded queue and only a few are
 * in flight at once: history calls spend the same small budgets as the live polling.
 */
public final class Backfiller extends AbstractBehavior<Backfiller.Command> {

    public sealed interface Command permits Fetch, Answered {
    }

    public record Fetch(BackfillRequest request) implements Command {
    }

    private record Answered(BackfillRequest request, int attempt, ProviderReply reply, List<String> failures)
            implements Command {
    }

    /**
     * @param order     providers to ask, most preferred first
     * @param inFlight  requests sent to providers at once
     * @param queued    requests waiting; beyond it a request is refused at once
     */
    public record Settings(List<String> order, int inFlight, int queued) {
        public static Settings fromConfig(Config backfill) {
            return new Settings(List.copyOf(backfill.getStringList("order")), backfill.getInt("max-in-flight"),
                    backfill.getInt("max-queued"));
        }
    }

    public static Behavior<Command> create(Settings settings, LiveSources sources) {
        return Behaviors.setup(context -> new Backfiller(context, settings, sources.backfillOrder(settings.order())));
    }

    private final Settings settings;
    private final List<MinuteHistory> histories;
    private final ArrayDeque<BackfillRequest> waiting = new ArrayDeque<>();
    /** Symbols with a request queued or in flight: a symbol's repeated request is not queued twice. */
    private final Set<String> pending = new HashSet<>();
    private int running;

    private Backfiller(ActorContext<Command> context, Settings settings, List<MinuteHistory> histories) {
        super(context);
        this.settings = settings;
        this.histories = histories;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Fetch.class, this::onFetch)
                .onMessage(Answered.class, this::onAnswered)
                .build();
    }

    private Behavior<Command> onFetch(Fetch fetch) {
        BackfillRequest request = fetch.request();
        if (histories.isEmpty()) {
            fail(request, "no history provider is enabled (actortrading.feeds.backfill.order)");
        } else if (!pending.add(request.symbol())) {
            fail(request, "a backfill of " + request.symbol() + " is already under way");
        } else if (waiting.size() >= settings.queued()) {
            pending.remove(request.symbol());
            fail(request, "the backfill queue is full (" + settings.queued() + " waiting)");
        } else {
            waiting.add(request);
            startWaiting();
        }
        return this;
    }

    private void startWaiting() {
        while (running < settings.inFlight() && !waiting.isEmpty()) {
            running++;
            ask(waiting.poll(), 0, List.of());
        }
    }

    private void ask(BackfillRequest request, int attempt, List<String> failures) {
        MinuteHistory history = histories.get(attempt);
        getContext().pipeToSelf(history.minutes(request.symbol(), request.fromMillis(), request.toMillis()),
                (reply, error) -> new Answered(request, attempt, error == null ? reply
                        : new ProviderReply.Failure(ProviderReply.FailureKind.TRANSIENT, String.valueOf(error)), failures));
    }

    private Behavior<Command> onAnswered(Answered answered) {
        BackfillRequest request = answered.request();
        String source = histories.get(answered.attempt()).source();
        if (answered.reply() instanceof ProviderReply.Data data) {
            List<Bar> minutes = minutesOf(request, data.events());
            if (!minutes.isEmpty() || answered.attempt() + 1 == histories.size()) {
                finish(request);
                request.replyTo().tell(new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(), minutes, source));
                return this;
            }
        }
        List<String> failures = new ArrayList<>(answered.failures());
        failures.add(source + ": " + (answered.reply() instanceof ProviderReply.Failure failure
                ? failure.kind() + " " + failure.message() : "no bars"));
        if (answered.attempt() + 1 < histories.size()) {
            ask(request, answered.attempt() + 1, failures);
        } else {
            finish(request);
            fail(request, String.join("; ", failures));
        }
        return this;
    }

    private void finish(BackfillRequest request) {
        pending.remove(request.symbol());
        running--;
        startWaiting();
    }

    private static List<Bar> minutesOf(BackfillRequest request, List<MarketEvent> events) {
        List<Bar> minutes = new ArrayList<>(events.size());
        for (MarketEvent event : events) {
            if (event instanceof Bar bar && bar.timeframe() == Timeframe.M1 && request.symbol().equals(bar.symbol())
                    && bar.start() >= request.fromMillis() && bar.start() < request.toMillis()) {
                minutes.add(bar);
            }
        }
        return minutes;
    }

    private void fail(BackfillRequest request, String reason) {
        getContext().getLog().warn("Backfill of {} [{}, {}) failed: {}", request.symbol(),
                Instant.ofEpochMilli(request.fromMillis()), Instant.ofEpochMilli(request.toMillis()),
                reason);
        request.replyTo().tell(new SymbolActor.BackfillFailed(request.fromMillis(), request.toMillis(), reason));
    }
}
