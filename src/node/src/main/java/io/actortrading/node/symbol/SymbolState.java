package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.CandleAggregator;
import io.actortrading.market.candles.CandleCounters;
import io.actortrading.market.features.FeatureWindow;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.validation.QualityScore;
import io.actortrading.market.validation.Verdict;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one symbol knows: forming and closed candles, an indicator set per timeframe, the
 * feature window, data quality. Mutable on purpose (allocation-free per tick); it never leaves its
 * actor except as the bytes of a snapshot or as a {@link SymbolView} copy.
 *
 * <p>Closed bars reach the indicators and features only through {@link #applyBarClosed}, which is
 * the event handler's job, so a recovered symbol walks exactly the path a live one walked.
 */
final class SymbolState implements Checkpointable {

    /** Bumped whenever the snapshot layout changes; older snapshots are then refused, not misread. */
    private static final int SNAPSHOT_FORMAT = 1;

    private final Instrument instrument;
    private final SymbolSettings settings;
    private final CandleAggregator candles;
    private final EnumMap<Timeframe, IndicatorSet> indicators = new EnumMap<>(Timeframe.class);
    private final FeatureWindow features;
    private final double[] featureValues = new double[FeatureWindow.NAMES.size()];
    private final QualityScore quality = new QualityScore();
    private final EnumMap<Timeframe, Bar> lastClosed = new EnumMap<>(Timeframe.class);
    private final ArrayDeque<Bar> recentMinutes = new ArrayDeque<>();
    private boolean featuresReady;
    private long featuresAt = Long.MIN_VALUE;
    private double lastPrice = Double.NaN;
    private long lastEventAt = Long.MIN_VALUE;
    private long eventsReceived;

    /** Live (after recovery) closes are announced to listeners; replayed ones are history. */
    private boolean live;
    private final List<SymbolActor.BarUpdate> outbox = new ArrayList<>();

    SymbolState(Instrument instrument, SymbolSettings settings) {
        this.instrument = instrument;
        this.settings = settings;
        this.candles = new CandleAggregator(instrument, settings.candleSettings());
        for (Timeframe tf : candles.timeframes()) {
            indicators.put(tf, new IndicatorSet(instrument));
        }
        this.features = new FeatureWindow(instrument);
    }

    Instrument instrument() {
        return instrument;
    }

    CandleAggregator candles() {
        return candles;
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

    void recordPrice(double price) {
        lastPrice = price;
    }

    void goLive() {
        live = true;
    }

    /** The event handler: a closed bar moves indicators and features, exactly once per bar. */
    void applyBarClosed(Bar bar) {
        candles.restoreClosed(bar);
        Timeframe tf = bar.timeframe();
        IndicatorSet set = indicators.get(tf);
        if (set == null || bar.start() <= set.lastBarStart()) {
            return;
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
            if (Double.isNaN(lastPrice)) {
                lastPrice = bar.close();
            }
        }
        if (live) {
            double[] indicatorValues = new double[IndicatorSet.NAMES.size()];
            set.values(indicatorValues);
            double[] featureCopy = tf == Timeframe.M1 && featuresReady ? featureValues.clone() : null;
            outbox.add(new SymbolActor.BarUpdate(bar, indicatorValues, featureCopy));
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

    SymbolView view() {
        CandleCounters c = candles.counters();
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            if (!v.accepted() && quality.count(v) > 0) {
                rejected.put(v.name(), quality.count(v));
            }
        }
        SymbolView.Counters counters = new SymbolView.Counters(eventsReceived, c.applied(), c.late(),
                c.duplicates(), c.outsideSession(), rejected, c.barsClosed());
        List<Bar> forming = new ArrayList<>();
        for (Timeframe tf : candles.timeframes()) {
            candles.forming(tf).ifPresent(forming::add);
        }
        List<Bar> closed = new ArrayList<>(recentMinutes);
        for (Map.Entry<Timeframe, Bar> e : lastClosed.entrySet()) {
            if (e.getKey() != Timeframe.M1) {
                closed.add(e.getValue());
            }
        }
        Map<String, Map<String, Double>> indicatorView = new LinkedHashMap<>();
        double[] values = new double[IndicatorSet.NAMES.size()];
        for (Map.Entry<Timeframe, IndicatorSet> e : indicators.entrySet()) {
            e.getValue().values(values);
            Map<String, Double> named = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                named.put(IndicatorSet.NAMES.get(i), Double.isNaN(values[i]) ? null : values[i]);
            }
            indicatorView.put(e.getKey().label(), named);
        }
        return new SymbolView(instrument.symbol(), instrument.assetClass().name(), instrument.zone().getId(),
                lastPrice, lastEventAt, quality.score(), counters, forming, closed, indicatorView,
                FeatureWindow.NAMES, featuresReady ? featureValues.clone() : null,
                featuresReady ? featuresAt : Long.MIN_VALUE);
    }

    byte[] toSnapshotBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SymbolState fromSnapshotBytes(Instrument instrument, SymbolSettings settings, byte[] snapshot) {
        SymbolState state = new SymbolState(instrument, settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            state.readState(in);
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
        quality.writeState(out);
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
        quality.readState(in);
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
