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
public final class Macd extends RecursiveIndicator {

    private final int fastPeriod;
    private final int slowPeriod;
    private final int signalPeriod;
    private final double fastAlpha;
    private final double slowAlpha;
    private final double signalAlpha;
    private double fastEma;
    private double slowEma;
    private double signalEma;

    public Macd(int fast, int slow, int signal) {
        super(new Period("Macd fast", fast), new Period("Macd slow", slow), new Period("Macd signal", signal));
        if (fast < 1 || slow <= fast || signal < 1) {
            throw new IllegalArgumentException(
                    "MACD needs 1 <= fast < slow and signal >= 1: " + fast + "," + slow + "," + signal);
        }
        this.fastPeriod = fast;
        this.slowPeriod = slow;
        this.signalPeriod = signal;
        this.fastAlpha = ExponentialSmoothing.spanAlpha(fast);
        this.slowAlpha = ExponentialSmoothing.spanAlpha(slow);
        this.signalAlpha = ExponentialSmoothing.spanAlpha(signal);
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
        boolean first = isFirstSample();
        fastEma = ExponentialSmoothing.next(fastEma, close, fastAlpha, first);
        slowEma = ExponentialSmoothing.next(slowEma, close, slowAlpha, first);
        signalEma = ExponentialSmoothing.next(signalEma, line(), signalAlpha, first);
        countSample();
    }

    private double line() {
        return fastEma - slowEma;
    }

    public double macd() {
        return isReady() ? line() : Double.NaN;
    }

    public double signal() {
        return isReady() ? signalEma : Double.NaN;
    }

    public double histogram() {
        return isReady() ? line() - signalEma : Double.NaN;
    }

    @Override
    public int warmUpPeriod() {
        return slowPeriod + signalPeriod - 1;
    }

    @Override
    void writeRecursion(DataOutput out) throws IOException {
        out.writeDouble(fastEma);
        out.writeDouble(slowEma);
        out.writeDouble(signalEma);
    }

    @Override
    void readRecursion(DataInput in) throws IOException {
        fastEma = in.readDouble();
        slowEma = in.readDouble();
        signalEma = in.readDouble();
    }
}
