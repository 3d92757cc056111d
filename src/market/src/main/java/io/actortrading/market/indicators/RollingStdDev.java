package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Population standard deviation (divided by {@code period}, not {@code period - 1}) of the close over
 * the last {@code period} bars, as ta4j's StandardDeviationIndicator computes it.
 *
 * <p>Ready once the window is full (ta4j uses a partial window before that). A window of identical
 * closes gives 0, not rounding noise: see {@link RollingWindow} for why the sums are exact.
 */
public final class RollingStdDev implements Indicator {

    private final RollingWindow window;
    private long samples;

    public RollingStdDev(int period) {
        this.window = new RollingWindow(period);
    }

    public int period() {
        return window.capacity();
    }

    @Override
    public void update(Bar bar) {
        update(bar.close());
    }

    public void update(double x) {
        if (!Double.isFinite(x)) {
            return;
        }
        window.add(x);
        samples++;
    }

    public double value() {
        return isReady() ? Math.sqrt(window.populationVariance()) : Double.NaN;
    }

    @Override
    public int warmUpPeriod() {
        return window.capacity();
    }

    @Override
    public long samples() {
        return samples;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(samples);
        window.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        long readSamples = in.readLong();
        window.readState(in);
        samples = readSamples;
    }
}
