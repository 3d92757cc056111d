package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.BarSink;
import io.actortrading.market.candles.TickOutcome;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.validation.MarketDataValidator;
import io.actortrading.market.validation.Verdict;
import io.actortrading.node.CborSerializable;
import io.actortrading.node.clock.MarketClock;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One symbol: a Cluster Sharding entity (entity id = canonical symbol) that builds candles from the
 * events the router delivers, keeps indicators and the feature vector, and persists every closed
 * bar as a {@link BarClosed} event. Single ticks are never persisted; the forming minute is kept
 * by a snapshot when the symbol is passivated, and lost (to be backfilled) only on a crash.
 */
public final class SymbolActor extends EventSourcedBehavior<SymbolActor.Command, SymbolActor.SymbolEvent, SymbolState> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "symbol");

    /** Journal tag of bar events, read by the projections that fill the bar tables. */
    public static final String BAR_TAG = "bar";

    public sealed interface Command extends CborSerializable permits Ingest, ClockTick, GetView, Flush, Passivate {
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

    public sealed interface SymbolEvent extends CborSerializable permits BarClosed, Passivated {
    }

    public record BarClosed(Bar bar) implements SymbolEvent {
    }

    public record Passivated(long at) implements SymbolEvent {
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
     */
    public record BarUpdate(Bar bar, double[] indicators, double[] features) implements SymbolUpdate {
    }

    public record Flushed(String symbol) implements SymbolUpdate {
    }

    /** Everything a symbol needs from its node. */
    public record Environment(SymbolSettings settings, MarketClock clock, ActorRef<SymbolUpdate> listener,
                              IngestMetrics metrics) {
    }

    public static Behavior<Command> create(String symbol, Environment env) {
        SymbolSettings settings = env.settings();
        return Behaviors.<Command>supervise(Behaviors.setup(context -> Behaviors.withTimers(timers -> {
                    if (env.clock().ticks()) {
                        timers.startTimerWithFixedDelay(ClockTick.INSTANCE, settings.clockInterval());
                    }
                    return new SymbolActor(context, symbol, env);
                })))
                .onFailure(RuntimeException.class, SupervisorStrategy.restartWithBackoff(
                        settings.restartMin(), settings.restartMax(), settings.restartRandomFactor()));
    }

    private final ActorContext<Command> context;
    private final Instrument instrument;
    private final Environment env;
    private final MarketDataValidator validator;
    /** Closed bars of the command being handled; persisted together at its end. */
    private final List<SymbolEvent> closing = new ArrayList<>();
    private final BarSink collectClosed = bar -> closing.add(new BarClosed(bar));

    private SymbolActor(ActorContext<Command> context, String symbol, Environment env) {
        super(PersistenceId.of(TYPE_KEY.name(), symbol),
                SupervisorStrategy.restartWithBackoff(env.settings().restartMin(), env.settings().restartMax(),
                        env.settings().restartRandomFactor()));
        this.context = context;
        this.instrument = Instrument.infer(symbol);
        this.env = env;
        this.validator = new MarketDataValidator(env.settings().validation());
    }

    @Override
    public SymbolState emptyState() {
        return new SymbolState(instrument, env.settings());
    }

    @Override
    public CommandHandler<Command, SymbolEvent, SymbolState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Ingest.class, this::onIngest)
                .onCommand(ClockTick.class, this::onClockTick)
                .onCommand(GetView.class, (state, get) -> {
                    get.replyTo().tell(state.view());
                    return Effect().none();
                })
                .onCommand(Flush.class, this::onFlush)
                .onCommand(Passivate.class, state -> Effect().persist(new Passivated(System.currentTimeMillis()))
                        .thenStop())
                .build();
    }

    private Effect<SymbolEvent, SymbolState> onIngest(SymbolState state, Ingest ingest) {
        List<MarketEvent> events = ingest.events();
        SourceChoice choice = ingest.choice();
        for (int i = 0, n = events.size(); i < n; i++) {
            MarketEvent event = events.get(i);
            if (choice.applies(event.source())) {
                apply(state, event);
            }
        }
        long now = System.nanoTime();
        env.metrics().recordBatch(events.size(), ingest.receivedAtNanos(), now);
        ingest.ackTo().tell(new FeedRouter.Delivered(events.size()));
        return persistClosing(state);
    }

    private void apply(SymbolState state, MarketEvent event) {
        state.recordReceived(event.timestamp());
        // A bar is news only once it has ended; judging it by its start would call every bar "from the future".
        long now = env.clock().now(event instanceof Bar bar ? bar.end() : event.timestamp());
        if (event instanceof Tick tick) {
            Verdict verdict = validator.check(tick, now, state.lastPrice());
            record(state, verdict, event);
            if (verdict.accepted() && state.candles().onTick(tick, collectClosed) == TickOutcome.APPLIED) {
                state.recordPrice(tick.price());
            }
        } else if (event instanceof Bar bar) {
            Verdict verdict = validator.check(bar, now, state.lastPrice());
            record(state, verdict, event);
            if (verdict.accepted() && state.candles().onBar(bar, collectClosed) == TickOutcome.APPLIED) {
                state.recordPrice(bar.close());
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
        state.candles().advanceTo(env.clock().now(Long.MIN_VALUE), collectClosed);
        return persistClosing(state);
    }

    private Effect<SymbolEvent, SymbolState> onFlush(SymbolState state, Flush flush) {
        state.candles().forming(Timeframe.M1)
                .ifPresent(minute -> state.candles().advanceTo(minute.end() + env.settings().closeGrace().toMillis(),
                        collectClosed));
        String symbol = instrument.symbol();
        if (closing.isEmpty()) {
            env.listener().tell(new Flushed(symbol));
            return Effect().none();
        }
        return persistClosing(state).thenRun(s -> env.listener().tell(new Flushed(symbol)));
    }

    private EffectBuilder<SymbolEvent, SymbolState> persistClosing(SymbolState state) {
        if (closing.isEmpty()) {
            return Effect().none();
        }
        List<SymbolEvent> events = List.copyOf(closing);
        closing.clear();
        env.metrics().recordBarsClosed(events.size());
        return Effect().persist(events).thenRun(this::announce);
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
                .onEvent(Passivated.class, (state, passivated) -> state)
                .build();
    }

    @Override
    public SignalHandler<SymbolState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    state.goLive();
                    state.drainOutbox();
                })
                .build();
    }

    @Override
    public Set<String> tagsFor(SymbolEvent event) {
        return event instanceof BarClosed ? Set.of(BAR_TAG) : Set.of();
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
                return SymbolState.fromSnapshotBytes(instrument, env.settings(), ((SymbolSnapshot) from).state());
            }
        };
    }
}
