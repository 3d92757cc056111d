package io.actortrading.feeds.live;

import com.typesafe.config.Config;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.rest.MinuteWindow;
import io.actortrading.feeds.rest.ProviderClient;
import io.actortrading.feeds.rest.Redaction;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A source that is polled over REST (Yahoo, Alpha Vantage, Twelve Data in rest mode): every poll
 * interval one round over the subscribed symbols, one request at a time, each asking the provider's
 * {@link MinuteHistory} for the completed minutes after the last bar already delivered for that symbol
 * (the first time, the last {@code actortrading.feeds.polling.first-lookback}). A bar is delivered only
 * if it starts after that last bar, so overlapping answers never deliver a minute twice. Bars go in time
 * order into one bounded queue into the node's router; when it is full they are dropped and counted.
 *
 * <p>Rounds pace themselves to the shared request budget: when it is spent the round waits for it if
 * that takes less than a poll interval, else it ends and the next round starts with the symbol that was
 * left out, so a tight budget does not starve the same symbols every time.
 *
 * <p>States: {@code IDLE} without symbols; {@code POLLING} while requests succeed; {@code BACKOFF} after
 * a throttled, failed or malformed answer (the round ends, the next starts on schedule);
 * {@code BREAKER_OPEN} while the provider's breaker is open (no request at all; the first round after it
 * half-opens is the probe); {@code FAILED} after the key or the plan is refused, with one new attempt per
 * {@code fatal-retry} and no polling in between. Every
 * change of state or breaker state is told to the environment's health listener; each kind of failure is
 * logged once, in the provider's words, until the source is polling again. A symbol the provider does not
 * know ({@code PERMANENT}) fails alone and is not asked for again for {@code fatal-retry}, so it does not
 * spend the budget every round.
 */
public final class PolledFeed {

    public sealed interface Command {
    }

    /** Replaces the symbols polled (canonical symbols). */
    public record Subscribe(Set<String> canonicalSymbols) implements Command {
        public Subscribe {
            canonicalSymbols = Set.copyOf(canonicalSymbols);
        }
    }

    public record GetStatus(ActorRef<SourceStatus> replyTo) implements Command {
    }

    private enum Tick implements Command { POLL, CONTINUE, FATAL_RETRY }

    private record Answered(String symbol, ProviderReply reply) implements Command {
    }

    private record BreakerChanged(BreakerState state) implements Command {
    }

    /** Error-count key for bars the router's queue had no room for. */
    public static final String DROPPED = "DROPPED";

    private static final String CONFIG_PATH = "actortrading.feeds.polling";
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    private static final double MILLIS_PER_SECOND = 1_000.0;
    private static final Set<FailureKind> FATAL = EnumSet.of(FailureKind.UNAUTHORIZED, FailureKind.NOT_ENTITLED);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final FeedEnvironment env;
    private final MinuteHistory history;
    private final String connection;
    private final ProviderGate gate;
    private final Duration pollInterval;
    private final long firstLookbackMillis;
    private final BoundedSourceQueue<MarketEvent> output;
    private final Consumer<BreakerState> breakerListener;

    private List<String> symbols = List.of();
    private final Map<String, Long> lastStart = new HashMap<>();
    /** Symbols the provider said it does not know, and the wall time until which they are not asked for. */
    private final Map<String, Long> refusedUntil = new HashMap<>();
    private final Deque<String> round = new ArrayDeque<>();
    private int rotation;
    private boolean requestInFlight;
    private boolean waitingForBudget;

    private ConnectionState state = ConnectionState.IDLE;
    private SourceHealth reported;
    private long messages;
    private final Deque<Long> recentMessages = new ArrayDeque<>();
    private long lastMessageAtMillis;
    private final Map<String, Long> errors = new TreeMap<>();
    private String lastError = "";
    private final Set<FailureKind> logged = EnumSet.noneOf(FailureKind.class);

    private PolledFeed(ActorContext<Command> context, TimerScheduler<Command> timers, FeedEnvironment env,
                       MinuteHistory history, String connection) {
        this.context = context;
        this.timers = timers;
        this.env = env;
        this.history = history;
        this.connection = connection;
        this.gate = env.gate();
        this.pollInterval = env.settings().pollInterval();
        Config polling = context.getSystem().settings().config().getConfig(CONFIG_PATH);
        this.firstLookbackMillis = polling.getDuration("first-lookback").toMillis();
        this.output = Source.<MarketEvent>queue(polling.getInt("buffer-size")).to(env.output().get())
                .run(context.getSystem());
        ActorRef<Command> self = context.getSelf();
        this.breakerListener = changed -> self.tell(new BreakerChanged(changed));
        gate.onBreakerTransition(breakerListener);
        report("started");
    }

    public static Behavior<Command> create(FeedEnvironment env, MinuteHistory history, String connection) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new PolledFeed(context, timers, env, history, connection).behavior()));
    }

    /** What the node needs of this feed: subscribe and status through its protocol. */
    public static SourceHandle handle(String provider, String connection, ActorRef<Command> ref) {
        return SourceHandle.of(provider, connection, ref, Subscribe::new, GetStatus::new);
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(Tick.class, this::onTick)
                .onMessage(Answered.class, this::onAnswered)
                .onMessage(BreakerChanged.class, this::onBreakerChanged)
                .onSignal(PostStop.class, signal -> release())
                .onSignal(PreRestart.class, signal -> release())
                .build();
    }

    private Behavior<Command> release() {
        gate.removeBreakerListener(breakerListener);
        output.complete();
        return Behaviors.same();
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        symbols = List.copyOf(new TreeSet<>(subscribe.canonicalSymbols()));
        if (symbols.isEmpty()) {
            round.clear();
            waitingForBudget = false;
            timers.cancel(Tick.CONTINUE);
            enter(ConnectionState.IDLE, "no symbols");
        } else if (state == ConnectionState.IDLE) {
            enter(ConnectionState.POLLING, "polling " + symbols.size() + " symbols");
            context.getSelf().tell(Tick.POLL);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onTick(Tick tick) {
        switch (tick) {
            case CONTINUE -> {
                waitingForBudget = false;
                next();
            }
            case POLL, FATAL_RETRY -> {
                if (symbols.isEmpty() || requestInFlight || waitingForBudget
                        || (tick == Tick.POLL && state == ConnectionState.FAILED)) {
                    return Behaviors.same();
                }
                if (gate.breaker().isOpen()) {
                    enter(ConnectionState.BREAKER_OPEN, ProviderClient.BREAKER_OPEN);
                    return Behaviors.same();
                }
                int start = Math.floorMod(rotation, symbols.size());
                round.clear();
                round.addAll(symbols.subList(start, symbols.size()));
                round.addAll(symbols.subList(0, start));
                rotation = start + 1;
                next();
            }
        }
        return Behaviors.same();
    }

    /** Sends the round's next request, or waits for the budget, or ends the round. */
    private void next() {
        Set<String> subscribed = new HashSet<>(symbols);
        while (!round.isEmpty()) {
            String symbol = round.peekFirst();
            long to = Math.floorDiv(env.marketNow().getAsLong(), MinuteWindow.MINUTE_MILLIS) * MinuteWindow.MINUTE_MILLIS;
            Long last = lastStart.get(symbol);
            long from = last == null ? to - firstLookbackMillis : last + MinuteWindow.MINUTE_MILLIS;
            if (!subscribed.contains(symbol) || from >= to
                    || refusedUntil.getOrDefault(symbol, Long.MIN_VALUE) > System.currentTimeMillis()) {
                round.removeFirst();
                continue;
            }
            if (gate.breaker().isOpen()) {
                round.clear();
                enter(ConnectionState.BREAKER_OPEN, ProviderClient.BREAKER_OPEN);
                return;
            }
            Duration wait = gate.budgetWait(System.currentTimeMillis());
            if (!wait.isZero()) {
                if (wait.compareTo(pollInterval) < 0) {
                    waitingForBudget = true;
                    timers.startSingleTimer(Tick.CONTINUE, Tick.CONTINUE, wait);
                } else {
                    rotation = symbols.indexOf(symbol);
                    round.clear();
                }
                return;
            }
            round.removeFirst();
            requestInFlight = true;
            context.pipeToSelf(history.minutes(symbol, from, to), (reply, error) -> new Answered(symbol,
                    reply != null ? reply : new ProviderReply.Failure(FailureKind.TRANSIENT, String.valueOf(error))));
            return;
        }
    }

    private Behavior<Command> onAnswered(Answered answered) {
        requestInFlight = false;
        if (answered.reply() instanceof ProviderReply.Data data) {
            deliver(answered.symbol(), data.events());
            enter(ConnectionState.POLLING, "answering");
            next();
            return Behaviors.same();
        }
        ProviderReply.Failure failure = (ProviderReply.Failure) answered.reply();
        String message = Redaction.redact(failure.message(), env.settings().apiKey());
        errors.merge(failure.kind().name(), 1L, Long::sum);
        lastError = answered.symbol() + ": " + failure.kind() + " " + message;
        if (logged.add(failure.kind())) {
            context.getLog().warn("{} ({}) {} for {}: {}", env.source(), connection, failure.kind(),
                    answered.symbol(), message);
        }
        if (failure.kind() == FailureKind.PERMANENT) {
            refusedUntil.put(answered.symbol(), System.currentTimeMillis() + env.settings().fatalRetry().toMillis());
            next();
        } else if (FATAL.contains(failure.kind())) {
            round.clear();
            enter(ConnectionState.FAILED, message);
            timers.startSingleTimer(Tick.FATAL_RETRY, Tick.FATAL_RETRY, env.settings().fatalRetry());
        } else {
            round.clear();
            boolean open = gate.breaker().isOpen() || ProviderClient.BREAKER_OPEN.equals(failure.message());
            enter(open ? ConnectionState.BREAKER_OPEN : ConnectionState.BACKOFF, message);
        }
        return Behaviors.same();
    }

    private void deliver(String symbol, List<MarketEvent> events) {
        if (!symbols.contains(symbol)) {
            return;
        }
        long last = lastStart.getOrDefault(symbol, Long.MIN_VALUE);
        TreeMap<Long, Bar> fresh = new TreeMap<>();
        for (MarketEvent event : events) {
            if (event instanceof Bar bar && bar.start() > last) {
                fresh.putIfAbsent(bar.start(), bar);
            }
        }
        long now = System.currentTimeMillis();
        for (Bar bar : fresh.values()) {
            last = bar.start();
            offer(bar, now);
        }
        if (last != Long.MIN_VALUE) {
            lastStart.put(symbol, last);
        }
    }

    private void offer(Bar bar, long now) {
        QueueOfferResult result = output.offer(bar);
        if (result == QueueOfferResult.enqueued()) {
            messages++;
            lastMessageAtMillis = now;
            recentMessages.addLast(now);
            forgetBefore(now - RATE_WINDOW.toMillis());
            return;
        }
        long dropped = errors.merge(DROPPED, 1L, Long::sum);
        if (dropped == 1) {
            context.getLog().warn("{} ({}) the router is not keeping up ({}): bars are dropped and counted",
                    env.source(), connection, result);
        }
    }

    private void forgetBefore(long cutoffMillis) {
        while (!recentMessages.isEmpty() && recentMessages.peekFirst() < cutoffMillis) {
            recentMessages.removeFirst();
        }
    }

    private Behavior<Command> onBreakerChanged(BreakerChanged changed) {
        if (changed.state() == BreakerState.OPEN
                && (state == ConnectionState.POLLING || state == ConnectionState.BACKOFF)) {
            enter(ConnectionState.BREAKER_OPEN, ProviderClient.BREAKER_OPEN);
        } else if (changed.state() == BreakerState.CLOSED && state == ConnectionState.BREAKER_OPEN) {
            enter(ConnectionState.POLLING, "breaker closed");
        } else {
            report("breaker " + changed.state());
        }
        return Behaviors.same();
    }

    private void enter(ConnectionState next, String detail) {
        if (next == ConnectionState.POLLING && state != ConnectionState.POLLING) {
            logged.clear();
        }
        if (next != state) {
            context.getLog().info("{} ({}) {} -> {}: {}", env.source(), connection, state, next, detail);
        }
        state = next;
        boolean scheduled = next != ConnectionState.IDLE && next != ConnectionState.FAILED;
        if (!scheduled) {
            timers.cancel(Tick.POLL);
        } else if (!timers.isTimerActive(Tick.POLL)) {
            timers.startTimerAtFixedRate(Tick.POLL, Tick.POLL, pollInterval);
        }
        report(detail);
    }

    /**
     * Tells the health listener, if the state or the breaker changed since it was last told. The breaker
     * is read from the gate, not from the transition messages, which may trail it.
     */
    private void report(String detail) {
        BreakerState breaker = gate.breakerState();
        if (reported != null && reported.state() == state && reported.breaker() == breaker) {
            return;
        }
        reported = new SourceHealth(env.source(), connection, state, breaker, detail);
        env.health().tell(reported);
    }

    private Behavior<Command> onGetStatus(GetStatus request) {
        long now = System.currentTimeMillis();
        forgetBefore(now - RATE_WINDOW.toMillis());
        double perSecond = recentMessages.size() / (RATE_WINDOW.toMillis() / MILLIS_PER_SECOND);
        request.replyTo().tell(new SourceStatus(env.source(), connection, state, gate.breakerState(), messages,
                perSecond, lastMessageAtMillis, errors, gate.budgetRemaining(now), symbols, 0, lastError));
        return Behaviors.same();
    }
}
