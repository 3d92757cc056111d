package io.actortrading.market.indicators;

/**
 * Population standard deviation (divided by {@code period}, not {@code period - 1}) of the close over
 * the last {@code period} bars, as ta4j's StandardDeviationIndicator computes it.
 *
 * <p>Ready once the window is full (ta4j uses a partial window before that). A window of identical
 * closes gives 0, not rounding noise: see {@link RollingWindow} for why the sums are exact.
 */
public final class RollingStdDev extends WindowIndicator {

    public RollingStdDev(int period) {
        super(period);
    }

    public double value() {
        return isReady() ? Math.sqrt(window.populationVariance()) : Double.NaN;
    }
}
