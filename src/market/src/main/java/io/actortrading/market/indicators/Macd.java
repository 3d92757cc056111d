package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Moving Average Convergence/Divergence of the close: macd = EMA(fast) − EMA(slow), signal =
 * EMA(signal) of macd, histogram = macd − signal.
 *
 * <p>Convention, as ta4j's MACDIndicator with getSignalLine and getHistogram: all three EMAs are
 * seeded with their first input (see {@link Ema}); the signal EMA therefore starts at the first bar
 * from macd = 0 rather than from the SMA of the first {@code signal} macd values. All three values
 * become ready together after {@code slow + signal − 1} bars: the slow EMA needs {@code slow} bars
 * and the signal line {@code signal − 1} more (TA-Lib's and Lean's count).
 */
public final class Macd implements Indicator {

    private final int fastPeriod;
    private final int slowPeriod;
    private final int signalPeriod;
    private final double fastAlpha;
    private final double slowAlpha;
    private final double signalAlpha;
    private double fastEma;
    private double slowEma;
    private double signalEma;
    private long samples;

    public Macd(int fast, int slow, int signal) {
        if (fast < 1 || slow <= fast || signal < 1) {
            throw new IllegalArgumentException(
                    "MACD needs 1 <= fast < slow and signal >= 1: " + fast + "," + slow + "," + signal);
        }
        this.fastPeriod = fast;
        this.slowPeriod = slow;
        this.signalPeriod = signal;
        this.fastAlpha = 2.0 / (fast + 1);
        this.slowAlpha = 2.0 / (slow + 1);
        this.signalAlpha = 2.0 / (signal + 1);
    }

    public int fastPeriod() {
        return fastPeriod;
    }

    public int slowPeriod() {
        return slowPeriod;
    }

    public int signalPeriod() {
        return signalPeriod;
    }

    @Override
    public void update(Bar bar) {
        update(bar.close());
    }

    public void update(double close) {
        if (!Double.isFinite(close)) {
            return;
        }
        if (samples == 0) {
            fastEma = close;
            slowEma = close;
            signalEma = 0.0;
        } else {
            fastEma += (close - fastEma) * fastAlpha;
            slowEma += (close - slowEma) * slowAlpha;
            signalEma += ((fastEma - slowEma) - signalEma) * signalAlpha;
        }
        samples++;
    }

    public double macd() {
        return isReady() ? fastEma - slowEma : Double.NaN;
    }

    public double signal() {
        return isReady() ? signalEma : Double.NaN;
    }

    public double histogram() {
        return isReady() ? (fastEma - slowEma) - signalEma : Double.NaN;
    }

    @Override
    public int warmUpPeriod() {
        return slowPeriod + signalPeriod - 1;
    }

    @Override
    public long samples() {
        return samples;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(fastPeriod);
        out.writeInt(slowPeriod);
        out.writeInt(signalPeriod);
        out.writeLong(samples);
        out.writeDouble(fastEma);
        out.writeDouble(slowEma);
        out.writeDouble(signalEma);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        Snapshots.expectPeriod(in, "Macd fast", fastPeriod);
        Snapshots.expectPeriod(in, "Macd slow", slowPeriod);
        Snapshots.expectPeriod(in, "Macd signal", signalPeriod);
        samples = in.readLong();
        fastEma = in.readDouble();
        slowEma = in.readDouble();
        signalEma = in.readDouble();
    }
}
