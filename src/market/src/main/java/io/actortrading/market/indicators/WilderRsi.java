package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's Relative Strength Index of the close: 100 · avgGain / (avgGain + avgLoss), where the
 * averages are Wilder's moving average (α = 1 / period) of the close-to-close gains and losses.
 *
 * <p>Convention, as ta4j's RSIIndicator over MMAIndicator: the first bar contributes a gain and a
 * loss of 0 and seeds both averages with them (Wilder seeded with the plain mean of the first
 * {@code period} changes); RSI is 0 while both averages are 0 and 100 while only the loss average
 * is. The formula is the algebraically equal 100·g/(g+l) rather than ta4j's 100 − 100/(1 + g/l)
 * because it does not cancel when the RSI is near 0. Ready after {@code period + 1} bars, i.e. once
 * {@code period} changes have been seen.
 */
public final class WilderRsi extends RecursiveIndicator {

    private final int period;
    private final double alpha;
    private double previousClose;
    private double averageGain;
    private double averageLoss;

    public WilderRsi(int period) {
        super(new Period("WilderRsi", positivePeriod("RSI", period)));
        this.period = period;
        this.alpha = ExponentialSmoothing.wilderAlpha(period);
    }

    public int period() {
        return period;
    }

    @Override
    public void update(Bar bar) {
        update(bar.close());
    }

    public void update(double close) {
        if (!Double.isFinite(close)) {
            return;
        }
        boolean first = isFirstSample();
        double change = first ? 0.0 : close - previousClose;
        averageGain = ExponentialSmoothing.next(averageGain, change > 0.0 ? change : 0.0, alpha, first);
        averageLoss = ExponentialSmoothing.next(averageLoss, change < 0.0 ? -change : 0.0, alpha, first);
        previousClose = close;
        countSample();
    }

    public double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        if (averageLoss == 0.0) {
            return averageGain == 0.0 ? 0.0 : 100.0;
        }
        return 100.0 * averageGain / (averageGain + averageLoss);
    }

    @Override
    public int warmUpPeriod() {
        return period + 1;
    }

    @Override
    void writeRecursion(DataOutput out) throws IOException {
        out.writeDouble(previousClose);
        out.writeDouble(averageGain);
        out.writeDouble(averageLoss);
    }

    @Override
    void readRecursion(DataInput in) throws IOException {
        previousClose = in.readDouble();
        averageGain = in.readDouble();
        averageLoss = in.readDouble();
    }
}
