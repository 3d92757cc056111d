package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;
import io.actortrading.market.instrument.Instrument;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The standard indicators of DESIGN.md §7 for one symbol on one timeframe, fed the closed bars of
 * that timeframe in order. {@link #NAMES} is the order of {@link #values(double[])} and the names
 * used in the replay output; a value is NaN while its indicator is warming up.
 *
 * <p>A bar with a non-finite high, low, close or volume is rejected as a whole and counted in
 * {@link #rejectedBars()}, so that all indicators of the set have seen the same bars.
 */
public final class IndicatorSet implements Checkpointable {

    public static final List<String> NAMES = List.of("sma_20", "ema_12", "ema_26", "rsi_14", "macd",
            "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr_14", "vwap_session", "obv",
            "stddev_20");

    public static final int SMA_20 = 0;
    public static final int EMA_12 = 1;
    public static final int EMA_26 = 2;
    public static final int RSI_14 = 3;
    public static final int MACD = 4;
    public static final int MACD_SIGNAL = 5;
    public static final int MACD_HIST = 6;
    public static final int BB_UPPER = 7;
    public static final int BB_MIDDLE = 8;
    public static final int BB_LOWER = 9;
    public static final int ATR_14 = 10;
    public static final int VWAP_SESSION = 11;
    public static final int OBV = 12;
    public static final int STDDEV_20 = 13;

    /** The periods that define the standard set (DESIGN.md §7); changing one changes what a name means. */
    public static final int SMA_PERIOD = 20;
    public static final int EMA_FAST_PERIOD = 12;
    public static final int EMA_SLOW_PERIOD = 26;
    public static final int RSI_PERIOD = 14;
    public static final int MACD_FAST_PERIOD = 12;
    public static final int MACD_SLOW_PERIOD = 26;
    public static final int MACD_SIGNAL_PERIOD = 9;
    public static final int BOLLINGER_PERIOD = 20;
    public static final double BOLLINGER_K = 2.0;
    public static final int ATR_PERIOD = 14;
    public static final int STDDEV_PERIOD = 20;

    /** Bumped whenever the snapshot layout changes, so an old snapshot is refused rather than misread. */
    private static final int FORMAT_VERSION = 1;

    private final Sma sma = new Sma(SMA_PERIOD);
    private final Ema emaFast = new Ema(EMA_FAST_PERIOD);
    private final Ema emaSlow = new Ema(EMA_SLOW_PERIOD);
    private final WilderRsi rsi = new WilderRsi(RSI_PERIOD);
    private final Macd macd = new Macd(MACD_FAST_PERIOD, MACD_SLOW_PERIOD, MACD_SIGNAL_PERIOD);
    private final BollingerBands bollinger = new BollingerBands(BOLLINGER_PERIOD, BOLLINGER_K);
    private final WilderAtr atr = new WilderAtr(ATR_PERIOD);
    private final SessionVwap vwap;
    private final OnBalanceVolume obv = new OnBalanceVolume();
    private final RollingStdDev stdDev = new RollingStdDev(STDDEV_PERIOD);
    private final Indicator[] all;

    private long lastBarStart = Long.MIN_VALUE;
    private long bars;
    private long rejectedBars;

    public IndicatorSet(Instrument instrument) {
        this.vwap = new SessionVwap(instrument);
        this.all = new Indicator[] {sma, emaFast, emaSlow, rsi, macd, bollinger, atr, vwap, obv, stdDev};
    }

    /** The position of {@code name} in {@link #NAMES}, or -1. */
    public static int indexOf(String name) {
        return NAMES.indexOf(name);
    }

    public void update(Bar bar) {
        if (!Double.isFinite(bar.high()) || !Double.isFinite(bar.low()) || !Double.isFinite(bar.close())
                || !Double.isFinite(bar.volume())) {
            rejectedBars++;
            return;
        }
        for (Indicator indicator : all) {
            indicator.update(bar);
        }
        lastBarStart = bar.start();
        bars++;
    }

    /** Writes the value of every indicator into {@code out}, in the order of {@link #NAMES}. */
    public void values(double[] out) {
        if (out.length != NAMES.size()) {
            throw new IllegalArgumentException("need " + NAMES.size() + " slots, got " + out.length);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = value(i);
        }
    }

    /** The value of the indicator at {@code index} of {@link #NAMES}; NaN while it warms up. */
    public double value(int index) {
        return switch (index) {
            case SMA_20 -> sma.value();
            case EMA_12 -> emaFast.value();
            case EMA_26 -> emaSlow.value();
            case RSI_14 -> rsi.value();
            case MACD -> macd.macd();
            case MACD_SIGNAL -> macd.signal();
            case MACD_HIST -> macd.histogram();
            case BB_UPPER -> bollinger.upper();
            case BB_MIDDLE -> bollinger.middle();
            case BB_LOWER -> bollinger.lower();
            case ATR_14 -> atr.value();
            case VWAP_SESSION -> vwap.value();
            case OBV -> obv.value();
            case STDDEV_20 -> stdDev.value();
            default -> throw new IndexOutOfBoundsException("no indicator at " + index + " of " + NAMES.size());
        };
    }

    /** Start of the last bar taken in (epoch milliseconds), {@link Long#MIN_VALUE} before any. */
    public long lastBarStart() {
        return lastBarStart;
    }

    /** Bars taken in. */
    public long bars() {
        return bars;
    }

    /** Bars refused because a field the indicators read was not finite. */
    public long rejectedBars() {
        return rejectedBars;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(lastBarStart);
        out.writeLong(bars);
        out.writeLong(rejectedBars);
        for (Indicator indicator : all) {
            indicator.writeState(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("indicator snapshot format " + version + " is not " + FORMAT_VERSION);
        }
        lastBarStart = in.readLong();
        bars = in.readLong();
        rejectedBars = in.readLong();
        for (Indicator indicator : all) {
            indicator.readState(in);
        }
    }
}
