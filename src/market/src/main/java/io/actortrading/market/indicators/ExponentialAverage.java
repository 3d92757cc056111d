package io.actortrading.market.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An exponential moving average seeded with its first input: a₀ = x₀, then aₜ = aₜ₋₁ + α·(xₜ − aₜ₋₁),
 * as ta4j's EMAIndicator and MMAIndicator are (see {@link Ema} for why the first value and not an SMA
 * seed). Ema and Macd smooth with α = 2 / (period + 1), WilderRsi and WilderAtr with Wilder's 1 / period.
 */
final class ExponentialAverage {

    private final double alpha;
    private double value;

    private ExponentialAverage(double alpha) {
        this.alpha = alpha;
    }

    static ExponentialAverage ofSpan(int period) {
        return new ExponentialAverage(2.0 / (period + 1));
    }

    static ExponentialAverage wilder(int period) {
        return new ExponentialAverage(1.0 / period);
    }

    /** Takes in {@code x}; {@code first} says it is the first input, which the average starts from. */
    void update(double x, boolean first) {
        value = first ? x : value + (x - value) * alpha;
    }

    double value() {
        return value;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeDouble(value);
    }

    void readState(DataInput in) throws IOException {
        value = in.readDouble();
    }
}
