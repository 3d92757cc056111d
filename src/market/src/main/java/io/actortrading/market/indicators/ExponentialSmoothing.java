package io.actortrading.market.indicators;

/**
 * Exponential smoothing seeded with its first input: a₀ = x₀, then aₜ = aₜ₋₁ + α·(xₜ − aₜ₋₁), as ta4j's
 * EMAIndicator and MMAIndicator smooth (see {@link Ema} for why the first value and not an SMA seed).
 * Ema and Macd smooth with α = 2 / (period + 1), WilderRsi and WilderAtr with Wilder's 1 / period.
 *
 * <p>Functions on a double the indicator keeps in its own field rather than an object holding the
 * average: the update stays a few flops on fields the indicator already has in cache, with no
 * reference to follow per average.
 */
final class ExponentialSmoothing {

    private ExponentialSmoothing() {
    }

    static double spanAlpha(int period) {
        return 2.0 / (period + 1);
    }

    static double wilderAlpha(int period) {
        return 1.0 / period;
    }

    /** The average after {@code x}; {@code first} says x is the first input, which the average starts from. */
    static double next(double average, double x, double alpha, boolean first) {
        return first ? x : average + (x - average) * alpha;
    }
}
