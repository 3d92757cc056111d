package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's Average True Range: Wilder's moving average (α = 1 / period) of the true range
 * max(high − low, |high − previous close|, |low − previous close|).
 *
 * <p>Convention, as ta4j's ATRIndicator over TRIndicator and MMAIndicator: the first bar's true range
 * is high − low and seeds the average (Wilder seeded with the mean of the first {@code period}
 * true ranges). Ready after {@code period} bars, ta4j's unstable-bar count.
 */
public final class WilderAtr extends RecursiveIndicator {

    private final int period;
    private final double alpha;
    private double previousClose;
    private double atr;

    public WilderAtr(int period) {
        super(new Period("WilderAtr", positivePeriod("ATR", period)));
        this.period = period;
        this.alpha = ExponentialSmoothing.wilderAlpha(period);
    }

    public int period() {
        return period;
    }

    @Override
    public void update(Bar bar) {
        double high = bar.high();
        double low = bar.low();
        double close = bar.close();
        if (!Double.isFinite(high) || !Double.isFinite(low) || !Double.isFinite(close)) {
            return;
        }
        double range = Math.abs(high - low);
        boolean first = isFirstSample();
        double trueRange = first ? range
                : Math.max(range, Math.max(Math.abs(high - previousClose), Math.abs(previousClose - low)));
        atr = ExponentialSmoothing.next(atr, trueRange, alpha, first);
        previousClose = close;
        countSample();
    }

    public double value() {
        return isReady() ? atr : Double.NaN;
    }

    @Override
    public int warmUpPeriod() {
        return period;
    }

    @Override
    void writeRecursion(DataOutput out) throws IOException {
        out.writeDouble(previousClose);
        out.writeDouble(atr);
    }

    @Override
    void readRecursion(DataInput in) throws IOException {
        previousClose = in.readDouble();
        atr = in.readDouble();
    }
}
