package io.actortrading.market.features;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * The trading model's 12-value feature vector of one symbol (DESIGN.md section 7), over the last
 * {@value #BARS} closed 1-minute bars.
 *
 * <p>The model was trained on vectors that pandas computed on a DataFrame of those 50 rows, so every
 * value is what pandas gives for the last row, including pandas' rounding (see
 * {@link PandasWindowStatistics}) and numpy's {@code nan_to_num} at the end. The golden file written by
 * {@code src/test/python/features_golden.py} pins this.
 *
 * <p>The bars live in primitive ring buffers; neither {@link #add} nor {@link #compute} allocates.
 * Bars that cannot belong to the series are ignored and counted (see {@link #add}). Not thread-safe:
 * one symbol actor owns it.
 */
public final class FeatureWindow implements Checkpointable {

    /** How many closed 1-minute bars the vector is computed over. */
    public static final int BARS = 50;

    /** The order of the values in the vector, as the model expects them. */
    public static final List<String> NAMES = List.of("returns", "log_returns", "sma_5", "sma_20", "ema_12",
            "volatility", "rsi", "volume_ratio", "vwap", "hour", "minute", "close");

    public static final int SIZE = 12;

    private static final int STATE_FORMAT = 1;
    private static final int SECONDS_PER_DAY = 86_400;

    private final Instrument instrument;
    private final ZoneRules zoneRules;

    private final long[] starts = new long[BARS];
    private final double[] closes = new double[BARS];
    private final double[] volumes = new double[BARS];
    /** Ring position the next bar is written to; once the ring is full it also holds the oldest bar. */
    private int next;
    private int size;
    private long lastBarStart = Long.MIN_VALUE;
    private long ignoredBars;

    /** The window's columns in time order, rebuilt by every compute(). */
    private final double[] closeColumn = new double[BARS];
    private final double[] volumeColumn = new double[BARS];
    private final double[] returnColumn = new double[BARS];
    private final double[] gainColumn = new double[BARS];
    private final double[] lossColumn = new double[BARS];

    /** The exchange's UTC offset, valid from offsetValidFrom until the next transition (DST switch). */
    private int offsetSeconds;
    private long offsetValidFrom = Long.MAX_VALUE;
    private long offsetValidUntil = Long.MIN_VALUE;

    public FeatureWindow(Instrument instrument) {
        this.instrument = instrument;
        this.zoneRules = instrument.zone().getRules();
    }

    public Instrument instrument() {
        return instrument;
    }

    /**
     * Appends a closed 1-minute bar. A bar is ignored (and counted in {@link #ignoredBars}) when it is
     * null, not a 1-minute bar, not later than the last bar (a replayed or out-of-order close must not
     * enter the window twice), or has a non-finite close or volume (the validator rejects those, and
     * pandas would forward-fill them, which this window does not model).
     */
    public void add(Bar oneMinuteBar) {
        if (oneMinuteBar == null
                || oneMinuteBar.timeframe() != Timeframe.M1
                || oneMinuteBar.start() <= lastBarStart
                || !Double.isFinite(oneMinuteBar.close())
                || !Double.isFinite(oneMinuteBar.volume())) {
            ignoredBars++;
            return;
        }
        starts[next] = oneMinuteBar.start();
        closes[next] = oneMinuteBar.close();
        volumes[next] = oneMinuteBar.volume();
        next = (next + 1) % BARS;
        if (size < BARS) {
            size++;
        }
        lastBarStart = oneMinuteBar.start();
    }

    /** Whether {@value #BARS} bars have been seen, so that {@link #compute} yields a vector. */
    public boolean isReady() {
        return size == BARS;
    }

    /** Bars held, at most {@value #BARS}. */
    public int size() {
        return size;
    }

    /** Start of the newest bar, or {@link Long#MIN_VALUE} before any bar. */
    public long lastBarStart() {
        return lastBarStart;
    }

    /** Bars refused by {@link #add}. */
    public long ignoredBars() {
        return ignoredBars;
    }

    /**
     * Writes the vector of the window's newest bar into {@code out[0..11]} in {@link #NAMES} order.
     *
     * @return false, leaving {@code out} untouched, while fewer than {@value #BARS} bars exist
     */
    public boolean compute(double[] out) {
        if (size < BARS) {
            return false;
        }
        fillColumns();
        int last = BARS - 1;
        out[0] = returnColumn[last];
        // StrictMath: the same bits on every JVM and CPU, so every node and every replay agree; it and
        // glibc's log (numpy) differ by at most 1 ulp
        out[1] = StrictMath.log(closeColumn[last] / closeColumn[last - 1]);
        out[2] = PandasWindowStatistics.rollingMean(closeColumn, 5);
        out[3] = PandasWindowStatistics.rollingMean(closeColumn, 20);
        out[4] = PandasWindowStatistics.ewmMean(closeColumn, 12);
        out[5] = PandasWindowStatistics.rollingStd(returnColumn, 20);
        double relativeStrength = PandasWindowStatistics.rollingMean(gainColumn, 14)
                / PandasWindowStatistics.rollingMean(lossColumn, 14);
        out[6] = 100.0 - 100.0 / (1.0 + relativeStrength);
        out[7] = volumeColumn[last] / PandasWindowStatistics.rollingMean(volumeColumn, 20);
        out[8] = cumulativeVwap();
        int secondOfDay = localSecondOfDay(starts[(next + last) % BARS]);
        out[9] = secondOfDay / 3600;
        out[10] = secondOfDay % 3600 / 60;
        out[11] = closeColumn[last];
        for (int i = 0; i < SIZE; i++) {
            out[i] = nanToNum(out[i]);
        }
        return true;
    }

    /**
     * The DataFrame columns in time order: close, volume, {@code pct_change()}, and the RSI's
     * {@code delta.where(delta > 0, 0)} and {@code -delta.where(delta < 0, 0)}. The first row has no
     * delta: pandas replaces its NaN with 0, and the loss column's negation makes every non-loss -0.0,
     * which pandas' rolling mean counts as a negative value (signbit), so it is kept.
     */
    private void fillColumns() {
        for (int k = 0; k < BARS; k++) {
            int slot = (next + k) % BARS;
            closeColumn[k] = closes[slot];
            volumeColumn[k] = volumes[slot];
        }
        returnColumn[0] = Double.NaN;
        gainColumn[0] = 0.0;
        lossColumn[0] = -0.0;
        for (int k = 1; k < BARS; k++) {
            returnColumn[k] = closeColumn[k] / closeColumn[k - 1] - 1;
            double delta = closeColumn[k] - closeColumn[k - 1];
            gainColumn[k] = delta > 0 ? delta : 0.0;
            lossColumn[k] = -(delta < 0 ? delta : 0.0);
        }
    }

    /** {@code (close * volume).cumsum() / volume.cumsum()} at the last row: numpy sums left to right. */
    private double cumulativeVwap() {
        double turnover = closeColumn[0] * volumeColumn[0];
        double volume = volumeColumn[0];
        for (int k = 1; k < BARS; k++) {
            turnover += closeColumn[k] * volumeColumn[k];
            volume += volumeColumn[k];
        }
        return turnover / volume;
    }

    private int localSecondOfDay(long epochMillis) {
        if (epochMillis < offsetValidFrom || epochMillis >= offsetValidUntil) {
            cacheOffsetAt(epochMillis);
        }
        long localSeconds = Math.floorDiv(epochMillis, 1000L) + offsetSeconds;
        return (int) Math.floorMod(localSeconds, SECONDS_PER_DAY);
    }

    /** Looks the offset up again only when a bar leaves the cached span: about twice a year in New York. */
    private void cacheOffsetAt(long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        offsetSeconds = zoneRules.getOffset(instant).getTotalSeconds();
        offsetValidFrom = epochMillis;
        ZoneOffsetTransition nextTransition = zoneRules.nextTransition(instant);
        offsetValidUntil = nextTransition == null ? Long.MAX_VALUE : nextTransition.toEpochSecond() * 1000L;
    }

    /** numpy's {@code nan_to_num}: NaN becomes 0.0, infinities the largest finite doubles. */
    private static double nanToNum(double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        if (value == Double.POSITIVE_INFINITY) {
            return Double.MAX_VALUE;
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return -Double.MAX_VALUE;
        }
        return value;
    }

    /** Bars oldest first, so that equal windows write equal bytes whatever their ring position. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_FORMAT);
        out.writeInt(size);
        for (int k = 0; k < size; k++) {
            int slot = Math.floorMod(next - size + k, BARS);
            out.writeLong(starts[slot]);
            out.writeLong(Double.doubleToRawLongBits(closes[slot]));
            out.writeLong(Double.doubleToRawLongBits(volumes[slot]));
        }
        out.writeLong(lastBarStart);
        out.writeLong(ignoredBars);
    }

    /** Reads everything before replacing anything, so a corrupt snapshot leaves the window as it was. */
    @Override
    public void readState(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != STATE_FORMAT) {
            throw new IOException("unknown feature window state format " + format);
        }
        int count = in.readInt();
        if (count < 0 || count > BARS) {
            throw new IOException("feature window state holds " + count + " bars, at most " + BARS + " fit");
        }
        long[] readStarts = new long[BARS];
        double[] readCloses = new double[BARS];
        double[] readVolumes = new double[BARS];
        for (int k = 0; k < count; k++) {
            readStarts[k] = in.readLong();
            readCloses[k] = Double.longBitsToDouble(in.readLong());
            readVolumes[k] = Double.longBitsToDouble(in.readLong());
        }
        long readLastBarStart = in.readLong();
        long readIgnoredBars = in.readLong();
        if (count > 0 && readStarts[count - 1] != readLastBarStart) {
            throw new IOException("feature window state is inconsistent: newest bar starts at "
                    + readStarts[count - 1] + " but the last bar start is " + readLastBarStart);
        }
        System.arraycopy(readStarts, 0, starts, 0, BARS);
        System.arraycopy(readCloses, 0, closes, 0, BARS);
        System.arraycopy(readVolumes, 0, volumes, 0, BARS);
        size = count;
        next = count % BARS;
        lastBarStart = readLastBarStart;
        ignoredBars = readIgnoredBars;
    }
}
