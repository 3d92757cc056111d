package io.actortrading.market.indicators;

/**
 * Bollinger Bands of the close: middle = SMA(period), upper/lower = middle ± k · σ with σ the
 * POPULATION standard deviation over the same window, as ta4j's BollingerBands*Indicator over a
 * StandardDeviationIndicator compute them (and as Bollinger defined them).
 */
public final class BollingerBands extends WindowIndicator {

    private final double k;

    public BollingerBands(int period, double k) {
        this(bandWidth(k), period);
    }

    /** Takes k first so that it is checked before the window is made: a bad k is reported even with a bad period. */
    private BollingerBands(double k, int period) {
        super(period);
        this.k = k;
    }

    private static double bandWidth(double k) {
        if (!(k >= 0.0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("band width k must be a finite non-negative number: " + k);
        }
        return k;
    }

    public double k() {
        return k;
    }

    public double middle() {
        return isReady() ? window.mean() : Double.NaN;
    }

    public double upper() {
        return isReady() ? window.mean() + k * Math.sqrt(window.populationVariance()) : Double.NaN;
    }

    public double lower() {
        return isReady() ? window.mean() - k * Math.sqrt(window.populationVariance()) : Double.NaN;
    }
}
