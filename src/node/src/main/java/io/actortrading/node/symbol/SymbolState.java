package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.BarSink;
import io.actortrading.market.candles.CandleAggregator;
import io.actortrading.market.candles.CandleCounters;
import io.actortrading.market.candles.TickOutcome;
import io.actortrading.market.features.FeatureWindow;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.validation.QualityScore;
import io.actortrading.market.validation.Verdict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one symbol knows: the forming minute (built from the active source's ticks and bars),
 * the {@link BarHistory} of closed candles, indicators and features, data quality, the standby
 * sources' prices, gaps. Mutable on purpose (allocation-free per tick); it never leaves its actor
 * except as the bytes of a snapshot or as a {@link SymbolView} copy.
 *
 * <p>Command side, a minute the builder closes goes to the history, which closes the higher bars it
 * completes; those closes are persisted and reach indicators and features only through
 * {@link #applyBarClosed}, the event handler's job, so a recovered symbol walks exactly the path a live
 * one walked. A backfill rewinds the history to a checkpoint and re-applies the merged minutes
 * ({@link #applyGapFilled}); the forming minute is not part of the history and survives it.
 */
final class SymbolState implements Checkpointable {

    /** Bumped whenever the snapshot layout changes; older snapshots are then refused, not misread. */
    private static final int SNAPSHOT_FORMAT = 2;
    private static final long MINUTE = SessionMinutes.MINUTE_MILLIS;

    private final Instrument instrument;
    private final SymbolSettings settings;
    private final SessionMinutes session;
    private CandleAggregator candles;
    private BarHistory history;
    private QualityScore quality;
    private StandbyPrices standby;
    private double lastPrice;
    private long lastEventAt;
    private long eventsReceived;
    private long discrepancies;
    private SymbolView.Discrepancy lastDiscrepancy;
    private long gapsDetected;
    private long gapsFilled;
    private long gapsUnfilled;
    private long unfilledMinutes;

    /** Whether a backfill service can be asked: only then are checkpoints kept and warm-ups asked for. */
    private final boolean backfills;
    /** Null without backfills; live state, not in the snapshot. */
    private RebuildCheckpoints checkpoints;
    private SourceChoice choice;
    private boolean warmUpAsked;
    /** Bounds of the forming minute, so a tick tells whether it starts a minute by comparing two longs. */
    private long formingStart;
    private long formingEnd;

    /** Live (after recovery) closes are announced to listeners; replayed ones are history. */
    private boolean live;
    /**
     * Set by a recovery that found closed minutes: the first gap window after it starts here, so the
     * minutes closed just before a crash are fetched again; {@link Long#MIN_VALUE} otherwise.
     */
    private long recheckFrom;
    private final List<SymbolActor.BarUpdate> outbox = new ArrayList<>();
    /** Bars the history closed during the command being handled, to be persisted at its end. */
    private final List<Bar> closing = new ArrayList<>();
    /** Windows to ask a backfill for, found during the command being handled. */
    private final List<Backfills.Window> wanted = new ArrayList<>();
    private final List<Bar> corrections = new ArrayList<>();

    private final BarSink toClosing = this::closedByHistory;
    private final BarSink minuteClosed = this::minuteClosedByBuilder;
    private final StandbyPrices.DivergenceSink divergence = this::diverged;

    SymbolState(Instrument instrument, SymbolSettings settings, boolean backfills) {
        this.instrument = instrument;
        this.settings = settings;
        this.session = new SessionMinutes(instrument);
        this.backfills = backfills;
        clear();
    }

    /**
     * Back to the empty state. Pekko restarts a persistent behaviour after a journal failure by
     * replaying onto the same empty-state object, which for this mutable state would still hold what
     * the failed incarnation did (minutes it closed but could not persist, its forming minute, its
     * warm-up asked): the symbol clears it before such a restart (PreRestart).
     */
    void clear() {
        candles = new CandleAggregator(instrument, settings.minuteSettings());
        history = new BarHistory(instrument, settings);
        quality = new QualityScore();
        standby = new StandbyPrices();
        checkpoints = backfills ? new RebuildCheckpoints(settings.backfill().checkpointInterval().toMillis()) : null;
        lastPrice = Double.NaN;
        lastEventAt = Long.MIN_VALUE;
        eventsReceived = 0;
        discrepancies = 0;
        lastDiscrepancy = null;
        gapsDetected = 0;
        gapsFilled = 0;
        gapsUnfilled = 0;
        unfilledMinutes = 0;
        choice = SourceChoice.ANY;
        warmUpAsked = false;
        formingStart = Long.MIN_VALUE;
        formingEnd = Long.MIN_VALUE;
        live = false;
        recheckFrom = Long.MIN_VALUE;
        outbox.clear();
        closing.clear();
        wanted.clear();
        corrections.clear();
    }

    Instrument instrument() {
        return instrument;
    }

    QualityScore quality() {
        return quality;
    }

    double lastPrice() {
        return lastPrice;
    }

    void recordReceived(long eventTime) {
        eventsReceived++;
        if (eventTime > lastEventAt) {
            lastEventAt = eventTime;
        }
    }

    void recordVerdict(Verdict verdict) {
        quality.record(verdict);
    }

    /** The router's choice of source for the batch being handled. */
    void follow(SourceChoice next) {
        if (next != choice) {
            choice = next;
            standby.follow(next);
        }
    }

    /** An event of a standby source: it builds no candle, its price is kept for the cross-source check. */
    void recordStandby(MarketEvent event) {
        standby.record(event);
    }

    /** A validated trade of the active source. */
    void applyTick(Tick tick) {
        long time = tick.timestamp();
        if (candles.onTick(tick, minuteClosed) != TickOutcome.APPLIED) {
            return;
        }
        lastPrice = tick.price();
        if (time < formingStart || time >= formingEnd) {
            candles.forming(Timeframe.M1).ifPresent(minute -> {
                formingStart = minute.start();
                formingEnd = minute.end();
                minuteStarted(history.lastClosedMinute(), minute.start());
            });
            history.advanceTo(time, toClosing);
        }
    }

    /** A validated 1-minute bar of the active source. */
    void applyBar(Bar bar) {
        long previous = formingStart != Long.MIN_VALUE ? formingStart : history.lastClosedMinute();
        TickOutcome outcome = candles.onBar(bar, minuteClosed);
        if (outcome == TickOutcome.LATE) {
            correctIfDifferent(bar);
        }
        if (outcome != TickOutcome.APPLIED) {
            return;
        }
        lastPrice = bar.close();
        long minute = candles.lastClosedStart(Timeframe.M1);
        if (minute != previous) {
            minuteStarted(previous, minute);
        }
    }

    /** The clock: closes what ended a grace period before {@code now}. */
    void advanceTo(long now) {
        candles.advanceTo(now, minuteClosed);
        long grace = settings.closeGrace().toMillis();
        history.advanceTo(now < Long.MIN_VALUE + grace ? Long.MIN_VALUE : now - grace, toClosing);
    }

    /** End of a replay: the forming minute closes, and what ends with it. */
    void flush() {
        candles.forming(Timeframe.M1).ifPresent(minute -> advanceTo(minute.end() + settings.closeGrace().toMillis()));
    }

    /**
     * A minute starts after {@code lastClosed}: the session minutes between them, if any, are missing.
     * A symbol without any closed minute asks for its warm-up instead.
     */
    private void minuteStarted(long lastClosed, long next) {
        if (lastClosed == Long.MIN_VALUE) {
            if (backfills && !warmUpAsked && settings.backfill().warmupMinutes() > 0) {
                warmUpAsked = true;
                wanted.add(new Backfills.Window(session.startOfLast(next, settings.backfill().warmupMinutes()),
                        next, true));
            }
            return;
        }
        long recheck = recheckFrom;
        recheckFrom = Long.MIN_VALUE;
        if (next - lastClosed <= MINUTE
                || session.count(lastClosed + MINUTE, next) < settings.backfill().minMissingMinutes()) {
            return;
        }
        gapsDetected++;
        if (backfills) {
            // the boundary minute is asked for too: a connection that dropped mid-minute left it partial
            wanted.add(new Backfills.Window(recheck == Long.MIN_VALUE ? lastClosed : Math.min(recheck, lastClosed),
                    next, false));
        }
    }

    private void minuteClosedByBuilder(Bar minute) {
        if (minute.start() == formingStart) {
            formingStart = Long.MIN_VALUE;
            formingEnd = Long.MIN_VALUE;
        }
        // Only before the command's first close are the history's candles and indicators in step.
        if (checkpoints != null && closing.isEmpty() && checkpoints.due(minute.start())) {
            checkpoints.add(new RebuildCheckpoints.Checkpoint(minute.start(), history.lastClosedMinute(),
                    history.toBytes()));
        }
        standby.compare(minute, settings.discrepancyThreshold(), divergence);
        history.closeMinute(minute, toClosing);
    }

    private void closedByHistory(Bar bar) {
        closing.add(bar);
        if (checkpoints != null && bar.timeframe() == Timeframe.M1) {
            checkpoints.minuteClosed(bar);
        }
    }

    private void diverged(Bar minute, String otherSource, double otherPrice) {
        discrepancies++;
        String active = minute.source() != null ? minute.source() : choice.active();
        lastDiscrepancy = new SymbolView.Discrepancy(minute.start(), active, minute.close(), otherSource, otherPrice);
    }

    /** Bars closed by the command being handled, handed out once. */
    List<Bar> drainClosing() {
        if (closing.isEmpty()) {
            return List.of();
        }
        List<Bar> drained = List.copyOf(closing);
        closing.clear();
        return drained;
    }

    /** Windows found missing by the command being handled, handed out once. */
    /**
     * A provider's 1-minute bar for a minute already closed from its trades: the trades seen may have
     * been partial (subscribed mid-minute, a connection dropped, a trade missed), the provider's bar
     * is not. When they differ the provider's bar replaces the closed one through the same merge a
     * backfill takes. VWAP is left out of the comparison: ours is exact, the provider's rounded.
     */
    private void correctIfDifferent(Bar bar) {
        if (!backfills || bar.timeframe() != Timeframe.M1) {
            return;
        }
        Bar closed = history.recentMinute(bar.start());
        if (closed != null && (closed.open() != bar.open() || closed.high() != bar.high() || closed.low() != bar.low()
                || closed.close() != bar.close() || closed.volume() != bar.volume())) {
            corrections.add(bar);
        }
    }

    /** Provider minute bars that are to replace closed minutes, handed out once. */
    List<Bar> drainCorrections() {
        if (corrections.isEmpty()) {
            return List.of();
        }
        List<Bar> drained = List.copyOf(corrections);
        corrections.clear();
        return drained;
    }

    List<Backfills.Window> drainWanted() {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Backfills.Window> drained = List.copyOf(wanted);
        wanted.clear();
        return drained;
    }

    /** Keeps the checkpoint a pending backfill from {@code from} rewinds to ({@link Long#MAX_VALUE}: none pending). */
    void keepCheckpointFor(long from) {
        if (checkpoints != null) {
            checkpoints.keepFor(from);
        }
    }

    /**
     * The event that merges {@code backfilled} into the history, or null when there is nothing to
     * merge (no checkpoint; no minute) — the window then only counts.
     */
    SymbolActor.GapFilled mergeBackfill(Backfills.Window window, List<Bar> backfilled, String source) {
        RebuildCheckpoints.Merge merge = checkpoints == null
                ? null : checkpoints.merge(instrument.symbol(), window.from(), window.to(), backfilled);
        if (merge == null || merge.minutes().isEmpty()) {
            gapsFilled++;
            return null;
        }
        return new SymbolActor.GapFilled(window.from(), window.to(), source, merge.minutes(),
                merge.from().takenBefore(), merge.from().lastMinute(), merge.from().state(),
                history.closedThrough(), merge.unmergedMinutes(), window.warmUp());
    }

    /** A window whose retries are used up: its session minutes (after the boundary minute) stay missing. */
    void gaveUp(Backfills.Window window) {
        gapsUnfilled++;
        unfilledMinutes += session.count(window.warmUp() ? window.from() : window.from() + MINUTE, window.to());
    }

    /**
     * The event handler's path: a closed bar moves indicators and features, exactly once per bar. While
     * recovering, minutes are checkpointed as live closes are, so a backfill right after recovery can
     * still rewind before the last minutes recovered.
     */
    void applyBarClosed(Bar bar) {
        candles.restoreClosed(bar);
        boolean replayedMinute = !live && checkpoints != null && bar.timeframe() == Timeframe.M1;
        if (replayedMinute && bar.start() > history.lastClosedMinute() && checkpoints.due(bar.start())) {
            checkpoints.add(new RebuildCheckpoints.Checkpoint(bar.start(), history.lastClosedMinute(),
                    history.toBytes()));
        }
        if (!history.apply(bar)) {
            return;
        }
        if (replayedMinute) {
            checkpoints.minuteClosed(bar);
        }
        if (bar.timeframe() == Timeframe.M1 && Double.isNaN(lastPrice)) {
            lastPrice = bar.close();
        }
        announce(bar, false);
    }

    /**
     * The event handler's path for a backfill: the history rewinds to the event's checkpoint and
     * re-applies its minutes; bars from the window on are announced as revisions. An unreadable
     * checkpoint (a format from another version) leaves the history as it was, the window unfilled.
     */
    void applyGapFilled(SymbolActor.GapFilled filled) {
        try {
            history.rebuild(filled.checkpoint(), filled.minutes(), filled.closedThrough(), bar -> {
                if (bar.end() > filled.fromMillis()) {
                    announce(bar, true);
                }
            });
        } catch (IOException e) {
            gapsUnfilled++;
            unfilledMinutes += filled.minutes().size();
            return;
        }
        for (Bar minute : filled.minutes()) {
            candles.restoreClosed(minute);
        }
        if (filled.unfilledMinutes() > 0) {
            gapsUnfilled++;
            unfilledMinutes += filled.unfilledMinutes();
        } else {
            gapsFilled++;
        }
        if (checkpoints != null) {
            checkpoints.reset(new RebuildCheckpoints.Checkpoint(filled.checkpointTakenBefore(),
                    filled.checkpointLastMinute(), filled.checkpoint()), filled.minutes());
        }
    }

    private void announce(Bar bar, boolean revision) {
        if (!live) {
            return;
        }
        double[] indicatorValues = new double[IndicatorSet.NAMES.size()];
        history.indicators(bar.timeframe()).values(indicatorValues);
        double[] featureCopy = bar.timeframe() == Timeframe.M1 ? history.featureCopy() : null;
        outbox.add(new SymbolActor.BarUpdate(bar, indicatorValues, featureCopy, revision));
    }

    /**
     * Recovery is over: what follows is live. A backfill can rewind to the checkpoints taken while
     * replaying, else to the state recovered; the first gap window also asks again for the last
     * minutes recovered, as far back as those checkpoints reach.
     */
    void goLive() {
        live = true;
        if (checkpoints == null) {
            return;
        }
        long lastClosed = history.lastClosedMinute();
        if (checkpoints.isEmpty()) {
            checkpoints.reset(new RebuildCheckpoints.Checkpoint(Long.MIN_VALUE, lastClosed, history.toBytes()),
                    List.of());
        }
        int recheck = settings.backfill().recheckAfterRecovery();
        if (lastClosed != Long.MIN_VALUE && recheck > 0) {
            recheckFrom = Math.max(session.startOfLast(lastClosed + MINUTE, recheck), checkpoints.oldestLastMinute());
        }
    }

    /** Bar updates produced by the events just persisted, handed out once. */
    List<SymbolActor.BarUpdate> drainOutbox() {
        if (outbox.isEmpty()) {
            return List.of();
        }
        List<SymbolActor.BarUpdate> drained = List.copyOf(outbox);
        outbox.clear();
        return drained;
    }

    /** @param pending what is still asked for, null when nothing is */
    SymbolView view(Backfills.Window pending) {
        CandleCounters c = candles.counters();
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            if (!v.accepted() && quality.count(v) > 0) {
                rejected.put(v.name(), quality.count(v));
            }
        }
        SymbolView.Counters counters = new SymbolView.Counters(eventsReceived, c.applied(), c.late(),
                c.duplicates(), c.outsideSession(), rejected, history.barsClosed());
        Bar formingMinute = candles.forming(Timeframe.M1).orElse(null);
        List<Bar> forming = new ArrayList<>();
        if (formingMinute != null) {
            forming.add(formingMinute);
        }
        forming.addAll(history.formingHigher(formingMinute));
        Map<String, Map<String, Double>> indicatorView = new LinkedHashMap<>();
        double[] values = new double[IndicatorSet.NAMES.size()];
        for (Timeframe tf : history.timeframes()) {
            history.indicators(tf).values(values);
            Map<String, Double> named = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                named.put(IndicatorSet.NAMES.get(i), Double.isNaN(values[i]) ? null : values[i]);
            }
            indicatorView.put(tf.label(), named);
        }
        SymbolView.Gaps gaps = new SymbolView.Gaps(gapsDetected, gapsFilled, gapsUnfilled, unfilledMinutes,
                pending == null ? null : new SymbolView.Window(pending.from(), pending.to()));
        return new SymbolView(instrument.symbol(), instrument.assetClass().name(), instrument.zone().getId(),
                lastPrice, lastEventAt, quality.score(), counters, forming, history.closedView(), indicatorView,
                FeatureWindow.NAMES, history.featureCopy(),
                history.featuresReady() ? history.featuresAt() : Long.MIN_VALUE,
                choice.active().isEmpty() ? null : choice.active(), choice.order(), standby.events(),
                new SymbolView.Discrepancies(discrepancies, lastDiscrepancy), gaps, history.warm(),
                pending != null && pending.warmUp());
    }

    byte[] toSnapshotBytes() {
        return StateBytes.of(this);
    }

    static SymbolState fromSnapshotBytes(Instrument instrument, SymbolSettings settings, boolean backfills,
                                         byte[] snapshot) {
        SymbolState state = new SymbolState(instrument, settings, backfills);
        try {
            StateBytes.read(state, snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable snapshot of " + instrument.symbol(), e);
        }
        return state;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(SNAPSHOT_FORMAT);
        out.writeUTF(instrument.symbol());
        out.writeDouble(lastPrice);
        out.writeLong(lastEventAt);
        out.writeLong(eventsReceived);
        candles.writeState(out);
        history.writeState(out);
        quality.writeState(out);
        out.writeLong(standby.events());
        out.writeLong(discrepancies);
        out.writeBoolean(lastDiscrepancy != null);
        if (lastDiscrepancy != null) {
            out.writeLong(lastDiscrepancy.minute());
            out.writeUTF(lastDiscrepancy.activeSource() == null ? "" : lastDiscrepancy.activeSource());
            out.writeDouble(lastDiscrepancy.activePrice());
            out.writeUTF(lastDiscrepancy.otherSource());
            out.writeDouble(lastDiscrepancy.otherPrice());
        }
        out.writeLong(gapsDetected);
        out.writeLong(gapsFilled);
        out.writeLong(gapsUnfilled);
        out.writeLong(unfilledMinutes);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != SNAPSHOT_FORMAT) {
            throw new IOException("snapshot format " + format + " is not " + SNAPSHOT_FORMAT);
        }
        String symbol = in.readUTF();
        if (!symbol.equals(instrument.symbol())) {
            throw new IOException("snapshot of " + symbol + " offered to " + instrument.symbol());
        }
        lastPrice = in.readDouble();
        lastEventAt = in.readLong();
        eventsReceived = in.readLong();
        candles.readState(in);
        history.readState(in);
        quality.readState(in);
        standby.restoreEvents(in.readLong());
        discrepancies = in.readLong();
        lastDiscrepancy = in.readBoolean()
                ? new SymbolView.Discrepancy(in.readLong(), in.readUTF(), in.readDouble(), in.readUTF(), in.readDouble())
                : null;
        gapsDetected = in.readLong();
        gapsFilled = in.readLong();
        gapsUnfilled = in.readLong();
        unfilledMinutes = in.readLong();
        Bar forming = candles.forming(Timeframe.M1).orElse(null);
        formingStart = forming == null ? Long.MIN_VALUE : forming.start();
        formingEnd = forming == null ? Long.MIN_VALUE : forming.end();
    }
}
