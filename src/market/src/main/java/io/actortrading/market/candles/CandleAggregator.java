package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the candles of one instrument in every configured timeframe from its ticks and from
 * provider 1-minute bars. One instance belongs to one symbol actor and is not thread-safe.
 *
 * <p><b>Only the 1-minute bar is built from ticks.</b> Every higher timeframe (5m, 15m, 1h, 1d) is
 * the fold of the closed 1-minute bars of its bucket. A provider's 1-minute bar and one made of
 * ticks are therefore treated alike, the higher timeframes always agree with the 1-minute bars
 * (a 1h high is the highest 1m high, its volume the sum of 1m volumes), and recovery can rebuild the
 * higher forming bars from persisted 1-minute closes alone ({@link #restoreClosed}).
 *
 * <p><b>Buckets</b> are clock-aligned in the instrument's exchange time zone and intersected with
 * the regular session (see {@link SessionBuckets}): a US equity's first hourly bar is
 * [09:30, 10:00) New York time and its daily bar [09:30, 16:00). Computing a bucket goes through
 * java.time and allocates, so the bounds of the forming bucket of each timeframe are kept; a tick
 * inside the forming minute costs two comparisons of longs and a few arithmetic operations, and
 * allocates nothing.
 *
 * <p><b>Event time</b> (the provider's timestamp) drives closing: a tick or provider bar at or past
 * the forming minute's end closes it, then every higher bucket whose end it has reached. A quiet
 * symbol still closes its minute, hour and day through {@link #advanceTo}, which a clock calls; it
 * waits a grace period past each end for stragglers. Empty minutes produce no bar, nor does a higher
 * bucket that received no 1-minute bar. Event time is trusted: a timestamp far in the future would
 * close the forming bars and make every later tick late, so plausibility against the wall clock
 * belongs in validation before the aggregator.
 *
 * <p><b>What is dropped</b> is counted ({@link #counters()}) and has no other effect (it closes
 * nothing): ticks outside the regular session (extended-hours prints must not move regular bars);
 * ticks older than the forming minute, or in a higher bucket already closed (LATE); trades whose
 * provider identity was seen among the recent ones (DUPLICATE; identical price, size and time alone
 * are not a duplicate, real trades repeat); and anything unusable (REJECTED). Nothing thrown
 * escapes for bad input. A tick inside the forming minute but older than its latest tick is not
 * late: it is applied, and may set the open or the close only if it is the earliest or the latest
 * trade of the minute.
 *
 * <p><b>Checkpoints</b> ({@link #writeState}) hold everything the next tick depends on, doubles as
 * raw bits, so a restored aggregator continues exactly as the original would have.
 */
public final class CandleAggregator implements Checkpointable {

    private static final int STATE_VERSION = 1;
    /** Stands in for a sink while recovering: bars closed then were emitted before the crash. */
    private static final BarSink RECOVERY = bar -> { };

    private final Instrument instrument;
    private final String symbol;
    private final List<Timeframe> timeframes;
    /** The configured timeframes after 1m, shortest first: the order in which closes are emitted. */
    private final Timeframe[] higher;
    /** Index into {@link #higher} by {@link Timeframe#ordinal()}, -1 when not configured. */
    private final int[] higherIndex;
    private final long graceMillis;
    private final int duplicateWindow;
    private final SessionBuckets buckets;

    private MinuteBar minute = new MinuteBar();
    private FoldedBar[] folds;
    private long lastClosedMinute = Long.MIN_VALUE;
    private long[] lastClosedHigher;
    /** Event time before which every bucket is closed (or lies before the forming minute): older input is late. */
    private long watermark = Long.MIN_VALUE;
    private RecentTradeIdentities identities;
    private long applied;
    private long late;
    private long duplicates;
    private long outsideSession;
    private long rejected;
    private long barsClosed;

    /** The last out-of-session stretch seen: a cache, not state, so that extended-hours prints stay cheap. */
    private long outsideStart;
    private long outsideEnd;

    public CandleAggregator(Instrument instrument, CandleSettings settings) {
        this.instrument = instrument;
        this.symbol = instrument.symbol();
        this.timeframes = settings.timeframes();
        this.higher = timeframes.stream().filter(tf -> tf != Timeframe.M1).toArray(Timeframe[]::new);
        this.higherIndex = new int[Timeframe.values().length];
        Arrays.fill(higherIndex, -1);
        for (int i = 0; i < higher.length; i++) {
            higherIndex[higher[i].ordinal()] = i;
        }
        this.graceMillis = settings.graceMillis();
        this.duplicateWindow = settings.duplicateWindow();
        this.buckets = new SessionBuckets(instrument);
        this.folds = new FoldedBar[higher.length];
        for (int i = 0; i < higher.length; i++) {
            folds[i] = new FoldedBar();
        }
        this.lastClosedHigher = new long[higher.length];
        Arrays.fill(lastClosedHigher, Long.MIN_VALUE);
        this.identities = new RecentTradeIdentities(duplicateWindow);
    }

    /** Applies one trade; bars it closes go to {@code closed} before this returns. */
    public TickOutcome onTick(Tick tick, BarSink closed) {
        if (tick == null) {
            return reject();
        }
        double price = tick.price();
        double size = tick.size();
        // written so that NaN fails every test
        if (!(price > 0.0 && price < Double.POSITIVE_INFINITY && size >= 0.0 && size < Double.POSITIVE_INFINITY)) {
            return reject();
        }
        long time = tick.timestamp();
        boolean identified = tick.identified();
        long identity = identified ? RecentTradeIdentities.identity(tick) : 0L;
        MinuteBar m = minute;
        if (m.active && time >= m.start && time < m.end) {
            if (identified && !identities.add(identity)) {
                duplicates++;
                return TickOutcome.DUPLICATE;
            }
            m.apply(time, price, size, tick.source());
            applied++;
            return TickOutcome.APPLIED;
        }
        return onTickOutsideFormingMinute(tick, time, price, size, identified, identity, closed);
    }

    private TickOutcome onTickOutsideFormingMinute(Tick tick, long time, double price, double size,
                                                   boolean identified, long identity, BarSink closed) {
        if (!SessionBuckets.isPlausibleTime(time)) {
            return reject();
        }
        if (identified && identities.contains(identity)) {
            duplicates++;
            return TickOutcome.DUPLICATE;
        }
        Bucket bucket = minuteBucket(time);
        if (bucket == null) {
            outsideSession++;
            return TickOutcome.OUTSIDE_SESSION;
        }
        if (time < watermark) {
            late++;
            return TickOutcome.LATE;
        }
        if (minute.active) {
            closeMinute(closed);
        }
        closeHigherThrough(time, closed);
        minute.begin(bucket.start(), bucket.end(), time, price, size, tick.source());
        watermark = Math.max(watermark, bucket.start());
        if (identified) {
            identities.add(identity);
        }
        applied++;
        return TickOutcome.APPLIED;
    }

    /**
     * Applies a provider's finished 1-minute bar: it is closed at once and folded into the higher
     * timeframes. It supersedes a forming minute of the same bucket built from ticks (the provider saw
     * every trade of the minute, merging would count some twice); it is LATE if its minute is already
     * closed or a later minute is forming.
     */
    public TickOutcome onBar(Bar oneMinuteBar, BarSink closed) {
        if (!isUsableMinuteBar(oneMinuteBar)) {
            return reject();
        }
        Bucket bucket = minuteBucket(oneMinuteBar.start());
        if (bucket == null) {
            outsideSession++;
            return TickOutcome.OUTSIDE_SESSION;
        }
        if (bucket.start() < watermark || minute.active && bucket.start() < minute.start) {
            late++;
            return TickOutcome.LATE;
        }
        if (minute.active) {
            if (minute.start == bucket.start()) {
                minute.active = false;
            } else {
                closeMinute(closed);
            }
        }
        closeHigherThrough(bucket.start(), closed);
        double vwap = oneMinuteBar.volume() > 0.0
                ? Math.max(oneMinuteBar.low(), Math.min(oneMinuteBar.high(), oneMinuteBar.vwap()))
                : oneMinuteBar.close();
        Bar bar = new Bar(symbol, Timeframe.M1, bucket.start(), bucket.end(), oneMinuteBar.open(),
                oneMinuteBar.high(), oneMinuteBar.low(), oneMinuteBar.close(), oneMinuteBar.volume(), vwap,
                oneMinuteBar.trades(), oneMinuteBar.source());
        minuteClosed(bar, closed);
        // the provider says the minute is over, so event time has reached its end
        closeHigherThrough(bucket.end(), closed);
        applied++;
        return TickOutcome.APPLIED;
    }

    private static boolean isUsableMinuteBar(Bar bar) {
        return bar != null
                && bar.timeframe() == Timeframe.M1
                && SessionBuckets.isPlausibleTime(bar.start())
                && bar.low() > 0.0
                && bar.low() <= bar.open() && bar.open() <= bar.high()
                && bar.low() <= bar.close() && bar.close() <= bar.high()
                && bar.high() < Double.POSITIVE_INFINITY
                && bar.volume() >= 0.0 && bar.volume() < Double.POSITIVE_INFINITY
                && Double.isFinite(bar.vwap())
                && bar.trades() >= 0;
    }

    /**
     * The clock: closes the forming minute once {@code nowMillis} is a grace period past its end, and
     * every higher bucket likewise, so that a symbol without trades still closes its bars.
     */
    public void advanceTo(long nowMillis, BarSink closed) {
        long horizon = nowMillis < Long.MIN_VALUE + graceMillis ? Long.MIN_VALUE : nowMillis - graceMillis;
        if (minute.active && minute.end <= horizon) {
            closeMinute(closed);
        }
        closeHigherThrough(horizon, closed);
    }

    /**
     * Recovery: apply a bar that was closed (and persisted) earlier; a no-op if this aggregator already
     * reflects it (bar.start <= last closed start of that timeframe). Rebuilds the higher timeframes'
     * forming state from 1m bars exactly as live closing does. Replaying every bar closed since a
     * checkpoint, in the order they were closed, brings a restored aggregator to the candles of the
     * original (ticks of the minute that was forming at the crash are lost: they were never persisted).
     */
    public void restoreClosed(Bar bar) {
        if (bar == null || bar.timeframe() == null || !SessionBuckets.isPlausibleTime(bar.start())
                || bar.end() <= bar.start()) {
            return;
        }
        if (bar.timeframe() == Timeframe.M1) {
            if (bar.start() <= lastClosedMinute) {
                return;
            }
            if (minute.active && minute.start <= bar.start()) {
                minute.active = false;
            }
            minuteClosed(bar, RECOVERY);
            return;
        }
        int i = higherIndex[bar.timeframe().ordinal()];
        if (i < 0 || bar.start() <= lastClosedHigher[i]) {
            return;
        }
        if (folds[i].active && folds[i].start <= bar.start()) {
            folds[i].active = false;
        }
        lastClosedHigher[i] = bar.start();
        watermark = Math.max(watermark, bar.end());
    }

    /** A view of the forming bar; a higher timeframe's includes the forming minute. Allocates: for inspection. */
    public Optional<Bar> forming(Timeframe tf) {
        if (tf == Timeframe.M1) {
            return minute.active ? Optional.of(minute.toBar(symbol, tf)) : Optional.empty();
        }
        int i = tf == null ? -1 : higherIndex[tf.ordinal()];
        if (i < 0) {
            return Optional.empty();
        }
        Bar formingMinute = minute.active ? minute.toBar(symbol, Timeframe.M1) : null;
        FoldedBar fold = folds[i];
        if (fold.active) {
            if (formingMinute == null || formingMinute.start() < fold.start || formingMinute.start() >= fold.end) {
                return Optional.of(fold.toBar(symbol, tf));
            }
            FoldedBar view = fold.copy();
            view.add(formingMinute);
            return Optional.of(view.toBar(symbol, tf));
        }
        if (formingMinute == null) {
            return Optional.empty();
        }
        Bucket bucket = buckets.locate(tf, formingMinute.start());
        if (!bucket.inSession() || bucket.start() <= lastClosedHigher[i]) {
            return Optional.empty();
        }
        FoldedBar view = new FoldedBar();
        view.begin(bucket.start(), bucket.end(), formingMinute);
        return Optional.of(view.toBar(symbol, tf));
    }

    /** Start of the last closed bar of {@code tf}, {@link Long#MIN_VALUE} if none. */
    public long lastClosedStart(Timeframe tf) {
        if (tf == Timeframe.M1) {
            return lastClosedMinute;
        }
        int i = tf == null ? -1 : higherIndex[tf.ordinal()];
        return i < 0 ? Long.MIN_VALUE : lastClosedHigher[i];
    }

    public List<Timeframe> timeframes() {
        return timeframes;
    }

    public CandleCounters counters() {
        return new CandleCounters(applied, late, duplicates, outsideSession, rejected, barsClosed);
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The 1-minute bucket containing a plausible {@code time}, or null outside the session. */
    private Bucket minuteBucket(long time) {
        if (time >= outsideStart && time < outsideEnd) {
            return null;
        }
        Bucket bucket = buckets.locate(Timeframe.M1, time);
        if (!bucket.inSession()) {
            outsideStart = bucket.start();
            outsideEnd = bucket.end();
            return null;
        }
        return bucket;
    }

    private TickOutcome reject() {
        rejected++;
        return TickOutcome.REJECTED;
    }

    private void closeMinute(BarSink closed) {
        Bar bar = minute.toBar(symbol, Timeframe.M1);
        minute.active = false;
        minuteClosed(bar, closed);
    }

    /** Records a closed minute, emits it, then folds it: the 1m bar reaches the sink before any higher one. */
    private void minuteClosed(Bar bar, BarSink closed) {
        lastClosedMinute = bar.start();
        watermark = Math.max(watermark, bar.end());
        emit(bar, closed);
        for (int i = 0; i < higher.length; i++) {
            fold(i, bar, closed);
        }
    }

    private void fold(int i, Bar bar, BarSink closed) {
        FoldedBar fold = folds[i];
        long start = bar.start();
        if (fold.active && start >= fold.start && start < fold.end) {
            fold.add(bar);
            return;
        }
        Bucket bucket = buckets.locate(higher[i], start);
        if (!bucket.inSession() || bucket.start() <= lastClosedHigher[i] || fold.active && bucket.start() < fold.start) {
            return;
        }
        if (fold.active) {
            // live input closes a bucket when event time reaches its end, before the next minute
            // arrives; this only happens while recovering from bars of which the higher close is missing
            closeFold(i, closed);
        }
        fold.begin(bucket.start(), bucket.end(), bar);
    }

    private void closeHigherThrough(long time, BarSink closed) {
        for (int i = 0; i < higher.length; i++) {
            if (folds[i].active && folds[i].end <= time) {
                closeFold(i, closed);
            }
        }
    }

    private void closeFold(int i, BarSink closed) {
        FoldedBar fold = folds[i];
        Bar bar = fold.toBar(symbol, higher[i]);
        fold.active = false;
        lastClosedHigher[i] = bar.start();
        watermark = Math.max(watermark, bar.end());
        emit(bar, closed);
    }

    private void emit(Bar bar, BarSink closed) {
        if (closed != RECOVERY) {
            barsClosed++;
            closed.barClosed(bar);
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(timeframes.size());
        for (Timeframe tf : timeframes) {
            out.writeByte(tf.ordinal());
        }
        out.writeLong(watermark);
        out.writeLong(lastClosedMinute);
        minute.write(out);
        for (int i = 0; i < higher.length; i++) {
            out.writeLong(lastClosedHigher[i]);
            folds[i].write(out);
        }
        identities.write(out);
        out.writeLong(applied);
        out.writeLong(late);
        out.writeLong(duplicates);
        out.writeLong(outsideSession);
        out.writeLong(rejected);
        out.writeLong(barsClosed);
    }

    /** Replaces the state with a checkpoint's; on an IOException the state is left as it was. */
    @Override
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("unsupported candle checkpoint version " + version);
        }
        int count = in.readInt();
        if (count != timeframes.size()) {
            throw new IOException("checkpoint has " + count + " timeframes, this aggregator " + timeframes);
        }
        for (Timeframe tf : timeframes) {
            int ordinal = in.readByte();
            if (ordinal != tf.ordinal()) {
                throw new IOException("checkpoint timeframes differ from " + timeframes);
            }
        }
        long readWatermark = in.readLong();
        long readLastClosedMinute = in.readLong();
        MinuteBar readMinute = new MinuteBar();
        readMinute.read(in);
        long[] readLastClosedHigher = new long[higher.length];
        FoldedBar[] readFolds = new FoldedBar[higher.length];
        for (int i = 0; i < higher.length; i++) {
            readLastClosedHigher[i] = in.readLong();
            readFolds[i] = new FoldedBar();
            readFolds[i].read(in);
        }
        RecentTradeIdentities readIdentities = RecentTradeIdentities.read(in, duplicateWindow);
        long[] counts = new long[6];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = in.readLong();
        }
        watermark = readWatermark;
        lastClosedMinute = readLastClosedMinute;
        minute = readMinute;
        lastClosedHigher = readLastClosedHigher;
        folds = readFolds;
        identities = readIdentities;
        applied = counts[0];
        late = counts[1];
        duplicates = counts[2];
        outsideSession = counts[3];
        rejected = counts[4];
        barsClosed = counts[5];
    }
}
