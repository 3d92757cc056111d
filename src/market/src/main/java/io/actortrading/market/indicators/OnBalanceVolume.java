package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import static io.actortrading.market.indicators.ExactArithmetic.sumError;

/**
 * On-Balance Volume: a running total that adds the bar's volume when the close rose, subtracts it
 * when the close fell and keeps it when the close is unchanged. As ta4j's OnBalanceVolumeIndicator
 * it starts at 0 on the first bar; its level is arbitrary (only its changes mean something), so it is
 * ready from the first bar.
 *
 * <p>The total is kept as a double-double ({@link ExactArithmetic}): it is a sum over the whole
 * history that keeps crossing zero, so a plain double's accumulated rounding (fractional crypto
 * volumes) would dominate the value exactly when it is small.
 */
public final class OnBalanceVolume extends RecursiveIndicator {

    private double previousClose;
    private double obvHi;
    private double obvLo;

    @Override
    public void update(Bar bar) {
        double close = bar.close();
        double volume = bar.volume();
        if (!Double.isFinite(close) || !Double.isFinite(volume)) {
            return;
        }
        if (!isFirstSample()) {
            if (close > previousClose) {
                accumulate(volume);
            } else if (close < previousClose) {
                accumulate(-volume);
            }
        }
        previousClose = close;
        countSample();
    }

    private void accumulate(double signedVolume) {
        double s = obvHi + signedVolume;
        double lo = obvLo + sumError(obvHi, signedVolume, s);
        obvHi = s + lo;
        obvLo = sumError(s, lo, obvHi);
    }

    public double value() {
        return isReady() ? obvHi + obvLo : Double.NaN;
    }

    @Override
    public int warmUpPeriod() {
        return 1;
    }

    @Override
    void writeRecursion(DataOutput out) throws IOException {
        out.writeDouble(previousClose);
        out.writeDouble(obvHi);
        out.writeDouble(obvLo);
    }

    @Override
    void readRecursion(DataInput in) throws IOException {
        previousClose = in.readDouble();
        obvHi = in.readDouble();
        obvLo = in.readDouble();
    }
}
