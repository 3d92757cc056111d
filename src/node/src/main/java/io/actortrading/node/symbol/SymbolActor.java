package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.validation.MarketDataValidator;
import io.actortrading.market.validation.Verdict;
import io.actortrading.node.CborSerializable;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.event.Level;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One symbol: a Cluster Sharding entity (entity id = canonical symbol) that builds candles from the
 * events the router delivers, keeps indicators and the feature vector, and persists every closed
 * bar as a {@link BarClosed} event. Single ticks are never persisted; the forming minute is kept
 * by a snapshot when the symbol is passivated, and lost (to be backfilled) only on a crash.
 *
 * <p>Only the active live source's events build candles ({@link SourceChoice}); the standby sources'
 * prices are compared with each closed minute. A run of missing session minutes (a dropped
 * connection, a failover, a restart) is asked for from the backfill service, one window at a time
 * with retries, and merged by rewinding the closed history to a checkpoint and re-applying the
 * minutes in time order: one {@link GapFilled} event, so a replayed journal reaches the same state.
 * A new symbol asks for its warm-up history the same way.
 */
public final class SymbolActor extends EventSourcedBehavior<SymbolActor.Command, SymbolActor.SymbolEvent, SymbolState> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "symbol");

    /** Journal tag of bar events, read by the projections that fill the bar tables. */
    public static final String BAR_TAG = "bar";

    public sealed interface Command extends CborSerializable
            permits Ingest, ClockTick, GetView, Flush, Passivate, Backfilled, BackfillFailed, RetryBackfill {
    }

    /**
     * A batch of events for this symbol, acknowledged to the router with one {@link FeedRouter.Delivered}
     * once applied.
     *
     * @param receivedAtNanos when the router's feed sink took the batch's first event (for latency)
     * @param choice          the router's current choice of live source for this symbol
     */
    public record Ingest(List<MarketEvent> events, long receivedAtNanos, ActorRef<FeedRouter.Command> ackTo,
                         SourceChoice choice) implements Command {

        /** A batch from feeds that are not subject to source selection (replay, synthetic, tests). */
        public Ingest(List<MarketEvent> events, long receivedAtNanos, ActorRef<FeedRouter.Command> ackTo) {
            this(events, receivedAtNanos, ackTo, SourceChoice.ANY);
        }
    }

    public enum ClockTick implements Command { INSTANCE }

    public record GetView(ActorRef<SymbolView> replyTo) implements Command {
    }

    /** End of a replay: close the forming minute (and what ends with it), announce, then say Flushed. */
    public enum Flush implements Command { INSTANCE }

    /** Graceful stop (passivation, removal): a snapshot keeps the forming bars, so nothing is lost. */
    public enum Passivate implements Command { INSTANCE }

    /**
     * The backfill service's answer to a {@link BackfillRequest}: the one-minute bars it found in the
     * window (in any order; none means nothing traded), from {@code source}.
     */
    public record Backfilled(long fromMillis, long toMillis, List<Bar> minutes, String source) implements Command {
    }

    /** The backfill service could not answer a {@link BackfillRequest}; the symbol retries with backoff. */
    public record BackfillFailed(long fromMillis, long toMillis, String reason) implements Command {
    }

    /** The symbol's own timer: ask again for the window that failed. */
    public record RetryBackfill(long fromMillis, long toMillis) implements Command {
    }

    public sealed interface SymbolEvent extends CborSerializable permits BarClosed, Passivated, GapFilled {
    }

    public record BarClosed(Bar bar) implements SymbolEvent {
    }

    public record Passivated(long at) implements SymbolEvent {
    }

    /**
     * A backfill of [fromMillis, toMillis) merged: the closed history rewinds to {@code checkpoint} (its
     * state before the minute starting {@code checkpointTakenBefore}, holding minutes through
     * {@code checkpointLastMinute}) and re-applies {@code minutes}, every minute after the checkpoint in
     * time order, the backfilled ones replacing those of the window; then it closes the higher bars
     * through {@code closedThrough} as live input had. The checkpoint travels in the event so that a
     * replayed journal rewinds to exactly the same state.
     *
     * @param unfilledMinutes backfilled minutes that lay before every checkpoint and stay missing
     * @param warmUp          the history a new symbol asked for rather than a gap
     */
    public record GapFilled(long fromMillis, long toMillis, String source, List<Bar> minutes,
                            long checkpointTakenBefore, long checkpointLastMinute, byte[] checkpoint,
                            long closedThrough, int unfilledMinutes, boolean warmUp) implements SymbolEvent {
    }

    /** Snapshot payload: the state's own binary form, so doubles come back bit for bit. */
    public record SymbolSnapshot(byte[] state) implements CborSerializable {
    }

    /** What a symbol announces to its listener. */
    public sealed interface SymbolUpdate extends CborSerializable permits BarUpdate, Flushed {
    }

    /**
     * A bar closed; indicator values (in {@code IndicatorSet.NAMES} order, NaN while not warm) of its
     * timeframe right after it, and for 1-minute bars the features, null until 50 bars exist.
     *
     * @param revision the bar (or its indicators) replaces one announced before: a backfill merged
     *                 minutes at or before it
     */
    public record BarUpdate(Bar bar, double[] indicators, double[] features, boolean revision)
            implements SymbolUpdate {
    }

    public record Flushed(String symbol) implements SymbolUpdate {
    }

    /**
     * Everything a symbol needs from its node.
     *
     * @param backfill the backfill service, null where there is none (replay, demo, bench): nothing is
     *                 then requested, gaps are only counted
     */
    public record Environment(SymbolSettings settings, MarketClock clock, ActorRef<SymbolUpdate> listener,
                              IngestMetrics metrics, ActorRef<BackfillRequest> backfill) {

        /** Without a backfill service. */
        public Environment(SymbolSettings settings, MarketClock clock, ActorRef<SymbolUpdate> listener,
                           IngestMetrics metrics) {
            this(settings, clock, listener, metrics, null);
        }

        boolean backfills() {
            return backfill != null && settings.backfill().enabled();
        }
    }

    private static final String BACKFILL_TIMEOUT = "backfill-timeout";
    private static final String BACKFILL_RETRY = "backfill-retry";

    public static Behavior<Command> create(String symbol, Environment env) {
        SymbolSettings settings = env.settings();
        return Behaviors.<Command>supervise(Behaviors.setup(context -> Behaviors.withTimers(timers ->
                        new SymbolActor(context, timers, symbol, env))))
                .onFailure(RuntimeException.class, SupervisorStrategy.restartWithBackoff(
                        settings.restartMin(), settings.restartMax(), settings.restartRandomFactor()));
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Instrument instrument;
    private final Environment env;
    private final MarketDataValidator validator;
    /** Null without a backfill service. */
    private final Backfills backfills;

    private SymbolActor(ActorContext<Command> context, TimerScheduler<Command> timers, String symbol,
                        Environment env) {
        // A journal outage fails every symbol's writes and recoveries until the database is back: the
        // supervisor's stack trace per failure would bury the log, one warning (PreRestart) is enough.
        super(PersistenceId.of(TYPE_KEY.name(), symbol),
                SupervisorStrategy.restartWithBackoff(env.settings().restartMin(), env.settings().restartMax(),
                        env.settings().restartRandomFactor()).withLogLevel(Level.DEBUG));
        this.context = context;
        this.timers = timers;
        this.instrument = Instrument.infer(symbol);
        this.env = env;
        this.validator = new MarketDataValidator(env.settings().validation());
        this.backfills = env.backfills()
                ? new Backfills(env.settings().backfill(), new SessionMinutes(instrument)) : null;
    }

    @Override
    public SymbolState emptyState() {
        return new SymbolState(instrument, env.settings(), env.backfills());
    }

    @Override
    public CommandHandler<Command, SymbolEvent, SymbolState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Ingest.class, this::onIngest)
                .onCommand(ClockTick.class, this::onClockTick)
                .onCommand(GetView.class, (state, get) -> {
                    get.replyTo().tell(state.view(backfills == null ? null : backfills.pending()));
                    return Effect().none();
                })
                .onCommand(Backfilled.class, this::onBackfilled)
                .onCommand(BackfillFailed.class, this::onBackfillFailed)
                .onCommand(RetryBackfill.class, this::onRetryBackfill)
                .onCommand(Flush.class, this::onFlush)
                .onCommand(Passivate.class, state -> Effect().persist(new Passivated(System.currentTimeMillis()))
                        .thenStop())
                .build();
    }

    private Effect<SymbolEvent, SymbolState> onIngest(SymbolState state, Ingest ingest) {
        List<MarketEvent> events = ingest.events();
        SourceChoice choice = ingest.choice();
        state.follow(choice);
        for (int i = 0, n = events.size(); i < n; i++) {
            MarketEvent event = events.get(i);
            if (choice.applies(event.source())) {
                apply(state, event);
            } else {
                state.recordStandby(event);
            }
        }
        long now = System.nanoTime();
        env.metrics().recordBatch(events.size(), ingest.receivedAtNanos(), now);
        ingest.ackTo().tell(new FeedRouter.Delivered(events.size()));
        askForMissing(state);
        correct(state);
        return persistClosing(state);
    }

    /**
     * Provider minute bars that disagree with minutes closed from trades are merged as one-minute
     * backfills that need no request: the bar is the answer. Behind a backfill already in flight they
     * wait in its queue and are then fetched from REST with it.
     */
    private void correct(SymbolState state) {
        List<Bar> corrections = state.drainCorrections();
        if (corrections.isEmpty() || backfills == null) {
            return;
        }
        for (Bar bar : corrections) {
            Backfills.Window now = backfills.add(new Backfills.Window(bar.start(), bar.end(), false));
            if (now != null && now.from() == bar.start() && now.to() == bar.end()) {
                context.getSelf().tell(new Backfilled(now.from(), now.to(), List.of(bar), bar.source()));
            } else if (now != null) {
                request(now);
            }
        }
        state.keepCheckpointFor(backfills.earliestFrom());
    }

    private void apply(SymbolState state, MarketEvent event) {
        state.recordReceived(event.timestamp());
        // A bar is news only once it has ended; judging it by its start would call every bar "from the future".
        long now = env.clock().now(event instanceof Bar bar ? bar.end() : event.timestamp());
        if (event instanceof Tick tick) {
            Verdict verdict = validator.check(tick, now, state.lastPrice());
            record(state, verdict, event);
            if (verdict.accepted()) {
                state.applyTick(tick);
            }
        } else if (event instanceof Bar bar) {
            Verdict verdict = validator.check(bar, now, state.lastPrice());
            record(state, verdict, event);
            if (verdict.accepted()) {
                state.applyBar(bar);
            }
        } else if (event instanceof Quote) {
            // Quotes build no candles; they count as received data for the quality score.
            state.recordVerdict(Verdict.ACCEPTED);
        }
    }

    /** Each kind of rejection is logged the first time it happens to this symbol; after that it is counted. */
    private void record(SymbolState state, Verdict verdict, MarketEvent event) {
        state.recordVerdict(verdict);
        if (!verdict.accepted() && state.quality().count(verdict) == 1) {
            context.getLog().warn("{}: rejected {} from {} ({}); further {} rejections are only counted",
                    instrument.symbol(), event, event.source(), verdict, verdict);
        }
    }

    private Effect<SymbolEvent, SymbolState> onClockTick(SymbolState state, ClockTick tick) {
        state.advanceTo(env.clock().now(Long.MIN_VALUE));
        return persistClosing(state);
    }

    private Effect<SymbolEvent, SymbolState> onFlush(SymbolState state, Flush flush) {
        state.flush();
        String symbol = instrument.symbol();
        List<Bar> closed = state.drainClosing();
        if (closed.isEmpty()) {
            env.listener().tell(new Flushed(symbol));
            return Effect().none();
        }
        return persist(closed).thenRun(s -> env.listener().tell(new Flushed(symbol)));
    }

    private EffectBuilder<SymbolEvent, SymbolState> persistClosing(SymbolState state) {
        List<Bar> closed = state.drainClosing();
        return closed.isEmpty() ? Effect().none() : persist(closed);
    }

    private EffectBuilder<SymbolEvent, SymbolState> persist(List<Bar> closed) {
        List<SymbolEvent> events = new ArrayList<>(closed.size());
        for (Bar bar : closed) {
            events.add(new BarClosed(bar));
        }
        env.metrics().recordBarsClosed(events.size());
        return Effect().persist(events).thenRun(this::announce);
    }

    /** Gaps (and a warm-up) found by the command being handled are queued; the first one is asked for at once. */
    private void askForMissing(SymbolState state) {
        List<Backfills.Window> wanted = state.drainWanted();
        if (wanted.isEmpty() || backfills == null) {
            return;
        }
        for (Backfills.Window window : wanted) {
            Backfills.Window now = backfills.add(window);
            if (now != null) {
                request(now);
            }
        }
        state.keepCheckpointFor(backfills.earliestFrom());
    }

    private void request(Backfills.Window window) {
        env.backfill().tell(new BackfillRequest(instrument.symbol(), window.from(), window.to(), context.getSelf()));
        Duration timeout = env.settings().backfill().timeout();
        timers.startSingleTimer(BACKFILL_TIMEOUT,
                new BackfillFailed(window.from(), window.to(), "no answer within " + timeout), timeout);
    }

    private Effect<SymbolEvent, SymbolState> onBackfilled(SymbolState state, Backfilled filled) {
        if (backfills == null || !backfills.isInFlight(filled.fromMillis(), filled.toMillis())) {
            context.getLog().debug("{}: ignored a backfill of [{}, {}) that is not in flight", instrument.symbol(),
                    filled.fromMillis(), filled.toMillis());
            return Effect().none();
        }
        timers.cancel(BACKFILL_TIMEOUT);
        GapFilled merged = state.mergeBackfill(backfills.inFlight(),
                filled.minutes() == null ? List.of() : filled.minutes(), filled.source());
        if (merged == null) {
            askForNext(state);
            return Effect().none();
        }
        return Effect().persist(merged).thenRun(s -> {
            announce(s);
            askForNext(s);
        });
    }

    private Effect<SymbolEvent, SymbolState> onBackfillFailed(SymbolState state, BackfillFailed failed) {
        if (backfills == null || !backfills.isInFlight(failed.fromMillis(), failed.toMillis())) {
            return Effect().none();
        }
        timers.cancel(BACKFILL_TIMEOUT);
        int failures = backfills.failed();
        BackfillSettings settings = env.settings().backfill();
        if (failures < settings.maxAttempts()) {
            Duration delay = settings.retryDelay(failures);
            context.getLog().debug("{}: backfill of [{}, {}) failed ({}); retry {} in {}", instrument.symbol(),
                    failed.fromMillis(), failed.toMillis(), failed.reason(), failures, delay);
            timers.startSingleTimer(BACKFILL_RETRY, new RetryBackfill(failed.fromMillis(), failed.toMillis()), delay);
            return Effect().none();
        }
        Backfills.Window window = backfills.inFlight();
        state.gaveUp(window);
        context.getLog().warn("{}: gave up the backfill of [{}, {}) after {} attempts ({}); its minutes stay missing",
                instrument.symbol(), Instant.ofEpochMilli(window.from()), Instant.ofEpochMilli(window.to()),
                failures, failed.reason());
        askForNext(state);
        return Effect().none();
    }

    private Effect<SymbolEvent, SymbolState> onRetryBackfill(SymbolState state, RetryBackfill retry) {
        if (backfills != null && backfills.isInFlight(retry.fromMillis(), retry.toMillis())) {
            request(backfills.inFlight());
        }
        return Effect().none();
    }

    /** The window in flight is done: the next queued one is asked for. */
    private void askForNext(SymbolState state) {
        Backfills.Window next = backfills.next();
        state.keepCheckpointFor(backfills.earliestFrom());
        if (next != null) {
            request(next);
        }
    }

    private void announce(SymbolState state) {
        for (BarUpdate update : state.drainOutbox()) {
            env.listener().tell(update);
        }
    }

    @Override
    public EventHandler<SymbolState, SymbolEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(BarClosed.class, (state, closed) -> {
                    state.applyBarClosed(closed.bar());
                    return state;
                })
                .onEvent(GapFilled.class, (state, filled) -> {
                    state.applyGapFilled(filled);
                    return state;
                })
                .onEvent(Passivated.class, (state, passivated) -> state)
                .build();
    }

    @Override
    public SignalHandler<SymbolState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    state.goLive();
                    state.drainOutbox();
                    // Started here, not at setup: a restart after a journal failure cancels the actor's
                    // timers without running setup again, and a symbol without its clock never closes
                    // a quiet minute.
                    if (env.clock().ticks()) {
                        timers.startTimerWithFixedDelay(ClockTick.INSTANCE, env.settings().clockInterval());
                    }
                })
                .onSignal(PreRestart.instance(), state -> {
                    // The restart after a journal failure keeps this object and replays onto the same
                    // empty state (see SymbolState.clear), and cancels the timers of the windows asked for.
                    state.clear();
                    if (backfills != null) {
                        backfills.clear();
                    }
                    Duration quiet = env.settings().restartQuietLog();
                    if (env.metrics().recordRestart(System.currentTimeMillis(), quiet.toMillis())) {
                        context.getLog().warn("{}: restarting with backoff after a failure: a journal write or "
                                + "recovery that failed (is the database reachable? see /ready) or a message it could "
                                + "not handle (logged above); restarts of any symbol in the next {} are only counted "
                                + "in at_symbol_restarts_total", instrument.symbol(), quiet);
                    }
                })
                .build();
    }

    @Override
    public Set<String> tagsFor(SymbolEvent event) {
        return event instanceof BarClosed || event instanceof GapFilled ? Set.of(BAR_TAG) : Set.of();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Old snapshots are pruned; events are kept: the bar projections read them.
        return RetentionCriteria.snapshotEvery(env.settings().snapshotEvery(), 2);
    }

    @Override
    public boolean shouldSnapshot(SymbolState state, SymbolEvent event, long sequenceNr) {
        return event instanceof Passivated;
    }

    @Override
    public SnapshotAdapter<SymbolState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(SymbolState state) {
                return new SymbolSnapshot(state.toSnapshotBytes());
            }

            @Override
            public SymbolState fromJournal(Object from) {
                return SymbolState.fromSnapshotBytes(instrument, env.settings(), env.backfills(),
                        ((SymbolSnapshot) from).state());
            }
        };
    }
}
