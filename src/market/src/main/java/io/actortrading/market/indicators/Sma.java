package io.actortrading.market.indicators;

/**
 * Simple moving average of the close over the last {@code period} bars.
 *
 * <p>Ready once the window is full, see {@link WindowIndicator}. The running sum is exact to ~1e-32
 * relative (see {@link RollingWindow}), so the average does not drift however long the symbol runs.
 */
public final class Sma extends WindowIndicator {

    public Sma(int period) {
        super(period);
    }

    public double value() {
        return isReady() ? window.mean() : Double.NaN;
    }
}
