package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.BarSink;
import io.actortrading.market.candles.CandleAggregator;
import io.actortrading.market.candles.TickOutcome;
import io.actortrading.market.features.FeatureWindow;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.market.instrument.Instrument;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a symbol derives from its closed minutes alone: the closed candles of every timeframe (the
 * higher ones folded from the minutes), an indicator set per timeframe and the feature window. It is
 * apart from the tick-facing minute builder so that a backfill can rewind it to a checkpoint and
 * re-apply the minutes in time order while the forming minute stays untouched.
 *
 * <p>Minutes enter through {@link #closeMinute} (command side: it closes the higher bars they
 * complete and hands every closed bar to a sink, to be persisted); bars reach the indicators and
 * features only through {@link #apply}, the event handler's path, once per bar.
 */
final class BarHistory implements Checkpointable {

    /** Bumped whenever the layout changes; a checkpoint of another layout is refused, not misread. */
    private static final int FORMAT = 1;

    private final Instrument instrument;
    private final SymbolSettings settings;
    private final CandleAggregator closed;
    private final EnumMap<Timeframe, IndicatorSet> indicators = new EnumMap<>(Timeframe.class);
    private final FeatureWindow features;
    private final double[] featureValues = new double[FeatureWindow.NAMES.size()];
    private final EnumMap<Timeframe, Bar> lastClosed = new EnumMap<>(Timeframe.class);
    private final ArrayDeque<Bar> recentMinutes = new ArrayDeque<>();
    private boolean featuresReady;
    private long featuresAt = Long.MIN_VALUE;
    /** The event time through which higher buckets have been closed: a rebuild closes as far. */
    private long closedThrough = Long.MIN_VALUE;

    BarHistory(Instrument instrument, SymbolSettings settings) {
        this.instrument = instrument;
        this.settings = settings;
        this.closed = new CandleAggregator(instrument, settings.closedSettings());
        for (Timeframe tf : closed.timeframes()) {
            indicators.put(tf, new IndicatorSet(instrument));
        }
        this.features = new FeatureWindow(instrument);
    }

    /** Command side: a finished minute; it and the higher bars it completes go to {@code sink}. */
    TickOutcome closeMinute(Bar minute, BarSink sink) {
        TickOutcome outcome = closed.onBar(minute, sink);
        if (outcome == TickOutcome.APPLIED) {
            closedThrough = Math.max(closedThrough, minute.end());
        }
        return outcome;
    }

    /** Command side: event time reached {@code time}, so the higher buckets ending by then close. */
    void advanceTo(long time, BarSink sink) {
        if (time > closedThrough) {
            closedThrough = time;
            closed.advanceTo(time, sink);
        }
    }

    /** The event handler's path: a closed bar moves its timeframe's indicators, and features for 1m; false if already in. */
    boolean apply(Bar bar) {
        closed.restoreClosed(bar);
        Timeframe tf = bar.timeframe();
        IndicatorSet set = indicators.get(tf);
        if (set == null || bar.start() <= set.lastBarStart()) {
            return false;
        }
        set.update(bar);
        lastClosed.put(tf, bar);
        if (tf == Timeframe.M1) {
            recentMinutes.addLast(bar);
            while (recentMinutes.size() > settings.recentBars()) {
                recentMinutes.removeFirst();
            }
            features.add(bar);
            featuresReady = features.compute(featureValues);
            if (featuresReady) {
                featuresAt = bar.start();
            }
        }
        return true;
    }

    /**
     * Rewinds to {@code checkpoint} and re-applies {@code minutes} (in time order) through the same
     * path live closes take, then closes the higher buckets live input had closed; every bar closed
     * on the way is applied and handed to {@code rebuilt}.
     *
     * @throws IOException if the checkpoint is unreadable; the history is then left as it was
     */
    void rebuild(byte[] checkpoint, List<Bar> minutes, long closedUntil, BarSink rebuilt) throws IOException {
        BarHistory restored = new BarHistory(instrument, settings);
        StateBytes.read(restored, checkpoint);
        StateBytes.read(this, StateBytes.of(restored));
        BarSink applyAndTell = bar -> {
            apply(bar);
            rebuilt.barClosed(bar);
        };
        for (Bar minute : minutes) {
            closeMinute(minute, applyAndTell);
        }
        advanceTo(closedUntil, applyAndTell);
    }

    byte[] toBytes() {
        return StateBytes.of(this);
    }

    /** The recent closed minute starting at {@code start}, or null (searched from the newest: corrections are recent). */
    Bar recentMinute(long start) {
        var newestFirst = recentMinutes.descendingIterator();
        while (newestFirst.hasNext()) {
            Bar minute = newestFirst.next();
            if (minute.start() == start) {
                return minute;
            }
            if (minute.start() < start) {
                return null;
            }
        }
        return null;
    }

    long lastClosedMinute() {
        return closed.lastClosedStart(Timeframe.M1);
    }

    long closedThrough() {
        return closedThrough;
    }

    long barsClosed() {
        return closed.counters().barsClosed();
    }

    List<Timeframe> timeframes() {
        return closed.timeframes();
    }

    IndicatorSet indicators(Timeframe tf) {
        return indicators.get(tf);
    }

    /** The 1m indicators all have a value and the feature vector exists. */
    boolean warm() {
        if (!featuresReady) {
            return false;
        }
        IndicatorSet minute = indicators.get(Timeframe.M1);
        for (int i = 0; i < IndicatorSet.NAMES.size(); i++) {
            if (Double.isNaN(minute.value(i))) {
                return false;
            }
        }
        return true;
    }

    boolean featuresReady() {
        return featuresReady;
    }

    long featuresAt() {
        return featuresAt;
    }

    /** The feature vector of the last minute, copied; null while not ready. */
    double[] featureCopy() {
        return featuresReady ? featureValues.clone() : null;
    }

    /** The recent minutes and the last closed bar of each higher timeframe, for inspection. */
    List<Bar> closedView() {
        List<Bar> out = new ArrayList<>(recentMinutes);
        for (Map.Entry<Timeframe, Bar> e : lastClosed.entrySet()) {
            if (e.getKey() != Timeframe.M1) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * The forming bar of each higher timeframe including {@code formingMinute} (null when none), as if
     * the minute had closed. For inspection: it works on a copy.
     */
    List<Bar> formingHigher(Bar formingMinute) {
        CandleAggregator copy = new CandleAggregator(instrument, settings.closedSettings());
        try {
            StateBytes.read(copy, StateBytes.of(closed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (formingMinute != null) {
            copy.restoreClosed(formingMinute);
        }
        List<Bar> out = new ArrayList<>();
        for (Timeframe tf : copy.timeframes()) {
            if (tf != Timeframe.M1) {
                copy.forming(tf).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeLong(closedThrough);
        closed.writeState(out);
        out.writeInt(indicators.size());
        for (Map.Entry<Timeframe, IndicatorSet> e : indicators.entrySet()) {
            out.writeUTF(e.getKey().label());
            e.getValue().writeState(out);
        }
        features.writeState(out);
        out.writeBoolean(featuresReady);
        out.writeLong(featuresAt);
        for (double v : featureValues) {
            out.writeDouble(v);
        }
        out.writeInt(lastClosed.size());
        for (Bar bar : lastClosed.values()) {
            BarCodec.write(bar, out);
        }
        out.writeInt(recentMinutes.size());
        for (Bar bar : recentMinutes) {
            BarCodec.write(bar, out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("bar history format " + format + " is not " + FORMAT);
        }
        closedThrough = in.readLong();
        closed.readState(in);
        int sets = in.readInt();
        for (int i = 0; i < sets; i++) {
            String label = in.readUTF();
            Timeframe tf = Timeframe.fromLabel(label)
                    .orElseThrow(() -> new IOException("unknown timeframe in snapshot: " + label));
            IndicatorSet set = indicators.get(tf);
            if (set == null) {
                throw new IOException("snapshot has timeframe " + label + " that this node does not build");
            }
            set.readState(in);
        }
        features.readState(in);
        featuresReady = in.readBoolean();
        featuresAt = in.readLong();
        for (int i = 0; i < featureValues.length; i++) {
            featureValues[i] = in.readDouble();
        }
        lastClosed.clear();
        int closedCount = in.readInt();
        for (int i = 0; i < closedCount; i++) {
            Bar bar = BarCodec.read(in);
            lastClosed.put(bar.timeframe(), bar);
        }
        recentMinutes.clear();
        int recentCount = in.readInt();
        for (int i = 0; i < recentCount; i++) {
            recentMinutes.addLast(BarCodec.read(in));
        }
    }
}
