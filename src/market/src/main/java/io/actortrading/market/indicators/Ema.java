package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponential moving average of the close with smoothing α = 2 / (period + 1).
 *
 * <p>Convention: seeded with the FIRST value (EMA₀ = x₀, then EMAₜ = EMAₜ₋₁ + α·(xₜ − EMAₜ₋₁)), as
 * ta4j's AbstractEMAIndicator does, not with the SMA of the first {@code period} values as StockCharts
 * and TA-Lib do. We follow ta4j because our values must be interchangeable with the reference the
 * differential suite checks against, and the first-value seed needs no buffer. The two conventions
 * differ by a term that decays as (1 − α)ᵗ; the warm-up of {@code period} bars is the point ta4j
 * (getUnstableBars) and Lean (WarmUpPeriod) both treat as settled.
 */
public final class Ema extends RecursiveIndicator {

    private final int period;
    private final double alpha;
    private double ema;

    public Ema(int period) {
        super(new Period("Ema", positivePeriod("EMA", period)));
        this.period = period;
        this.alpha = ExponentialSmoothing.spanAlpha(period);
    }

    public int period() {
        return period;
    }

    @Override
    public void update(Bar bar) {
        update(bar.close());
    }

    public void update(double x) {
        if (!Double.isFinite(x)) {
            return;
        }
        ema = ExponentialSmoothing.next(ema, x, alpha, isFirstSample());
        countSample();
    }

    public double value() {
        return isReady() ? ema : Double.NaN;
    }

    @Override
    public int warmUpPeriod() {
        return period;
    }

    @Override
    void writeRecursion(DataOutput out) throws IOException {
        out.writeDouble(ema);
    }

    @Override
    void readRecursion(DataInput in) throws IOException {
        ema = in.readDouble();
    }
}
