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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches missing 1-minute bars for symbols from the providers' REST histories, trying them in the
 * configured order (Polygon aggregates, else Yahoo, else Twelve Data) and answering the symbol with
 * the bars of the first provider that has data. Requests wait in a bounded queue and only a few are
 * in flight at once: history calls spend the same small budgets as the live polling.
 *
 * <p>A request that finds every provider failing while one of them is only out of request budget
 * (Polygon's free plan allows five calls a minute, and a restart may want a backfill for every symbol
 * at once) waits for that budget instead of failing, up to {@code budget-wait-max} in all. A symbol
 * that asks again for the window it is waiting for (its own timeout ran out first) is not asked for
 * twice; a symbol's newer window replaces its older one still queued, which it no longer waits for.
 */
public final class Backfiller extends AbstractBehavior<Backfiller.Command> {

    public sealed interface Command permits Fetch, Answered, BudgetFreed {
    }

    public record Fetch(BackfillRequest request) implements Command {
    }

    /** @param waitingSince when the request first waited for a budget, {@link #NEVER_WAITED} if it has not */
    private record Answered(BackfillRequest request, int attempt, ProviderReply reply, List<String> failures,
                            long waitingSince) implements Command {
    }

    private record BudgetFreed(BackfillRequest request, long waitingSince) implements Command {
    }

    private static final long NEVER_WAITED = Long.MIN_VALUE;

    /**
     * @param order          providers to ask, most preferred first
     * @param inFlight       requests sent to providers at once
     * @param queued         requests waiting; beyond it a request is refused at once
     * @param budgetWaitMax  how long in all a request may wait for a provider's request budget
     */
    public record Settings(List<String> order, int inFlight, int queued, Duration budgetWaitMax) {
        public static Settings fromConfig(Config backfill) {
            return new Settings(List.copyOf(backfill.getStringList("order")), backfill.getInt("max-in-flight"),
                    backfill.getInt("max-queued"), backfill.getDuration("budget-wait-max"));
        }
    }

    public static Behavior<Command> create(Settings settings, LiveSources sources) {
        return create(settings, sources.backfillOrder(settings.order()));
    }

    /** @param histories the providers' histories in the order they are asked */
    public static Behavior<Command> create(Settings settings, List<MinuteHistory> histories) {
        return Behaviors.setup(context -> new Backfiller(context, settings, List.copyOf(histories)));
    }

    private final Settings settings;
    private final List<MinuteHistory> histories;
    private final ArrayDeque<BackfillRequest> waiting = new ArrayDeque<>();
    /** Each symbol's latest request, queued or in flight; it is the one answered. */
    private final Map<String, BackfillRequest> latest = new HashMap<>();
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
                .onMessage(BudgetFreed.class, freed -> {
                    ask(freed.request(), 0, List.of(), freed.waitingSince());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onFetch(Fetch fetch) {
        BackfillRequest request = fetch.request();
        BackfillRequest known = latest.get(request.symbol());
        if (histories.isEmpty()) {
            fail(request, "no history provider is enabled (actortrading.feeds.backfill.order)");
        } else if (known != null && sameWindow(known, request)) {
            latest.put(request.symbol(), request);
        } else {
            if (known != null) {
                waiting.removeIf(queued -> queued.symbol().equals(request.symbol()));
            }
            if (waiting.size() >= settings.queued()) {
                latest.remove(request.symbol());
                fail(request, "the backfill queue is full (" + settings.queued() + " waiting)");
            } else {
                latest.put(request.symbol(), request);
                waiting.add(request);
                startWaiting();
            }
        }
        return this;
    }

    private static boolean sameWindow(BackfillRequest a, BackfillRequest b) {
        return a.fromMillis() == b.fromMillis() && a.toMillis() == b.toMillis();
    }

    private void startWaiting() {
        while (running < settings.inFlight() && !waiting.isEmpty()) {
            running++;
            ask(waiting.poll(), 0, List.of(), NEVER_WAITED);
        }
    }

    private void ask(BackfillRequest request, int attempt, List<String> failures, long waitingSince) {
        MinuteHistory history = histories.get(attempt);
        getContext().pipeToSelf(history.minutes(request.symbol(), request.fromMillis(), request.toMillis()),
                (reply, error) -> new Answered(request, attempt, error == null ? reply
                        : new ProviderReply.Failure(ProviderReply.FailureKind.TRANSIENT, String.valueOf(error)),
                        failures, waitingSince));
    }

    private Behavior<Command> onAnswered(Answered answered) {
        BackfillRequest request = answered.request();
        String source = histories.get(answered.attempt()).source();
        if (answered.reply() instanceof ProviderReply.Data data) {
            List<Bar> minutes = minutesOf(request, data.events());
            if (!minutes.isEmpty() || answered.attempt() + 1 == histories.size()) {
                finish(request).replyTo().tell(
                        new SymbolActor.Backfilled(request.fromMillis(), request.toMillis(), minutes, source));
                return this;
            }
        }
        List<String> failures = new ArrayList<>(answered.failures());
        failures.add(source + ": " + (answered.reply() instanceof ProviderReply.Failure failure
                ? failure.kind() + " " + failure.message() : "no bars"));
        if (answered.attempt() + 1 < histories.size()) {
            ask(request, answered.attempt() + 1, failures, answered.waitingSince());
            return this;
        }
        long now = System.currentTimeMillis();
        long waitingSince = answered.waitingSince() == NEVER_WAITED ? now : answered.waitingSince();
        Duration wait = soonestBudget(now);
        if (wait != null && Duration.ofMillis(now - waitingSince).plus(wait).compareTo(settings.budgetWaitMax()) <= 0) {
            getContext().getLog().debug("Backfill of {} waits {} ms for a request budget ({})", request.symbol(),
                    wait.toMillis(), String.join("; ", failures));
            getContext().scheduleOnce(wait, getContext().getSelf(), new BudgetFreed(request, waitingSince));
            return this;
        }
        fail(finish(request), String.join("; ", failures));
        return this;
    }

    /** The shortest wait until some provider out of budget has one again; null when none is out of budget. */
    private Duration soonestBudget(long now) {
        Duration soonest = null;
        for (MinuteHistory history : histories) {
            Duration wait = history.budgetWait(now);
            if (!wait.isZero() && !wait.isNegative() && (soonest == null || wait.compareTo(soonest) < 0)) {
                soonest = wait;
            }
        }
        return soonest;
    }

    /** The request is done: the one to answer, the symbol's latest for this window if it asked again. */
    private BackfillRequest finish(BackfillRequest request) {
        BackfillRequest answered = request;
        BackfillRequest known = latest.get(request.symbol());
        if (known != null && sameWindow(known, request)) {
            latest.remove(request.symbol());
            answered = known;
        }
        running--;
        startWaiting();
        return answered;
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
