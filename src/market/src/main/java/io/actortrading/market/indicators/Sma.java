package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Simple moving average of the close over the last {@code period} bars.
 *
 * <p>Ready once the window is full (ta4j's SMAIndicator averages a partial window before that; we
 * report NaN instead, since an average of fewer bars than asked for is a different indicator). The
 * running sum is exact to ~1e-32 relative (see {@link RollingWindow}), so the average does not drift
 * however long the symbol runs.
 */
public final class Sma implements Indicator {

    private final RollingWindow window;
    private long samples;

    public Sma(int period) {
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
        return isReady() ? window.mean() : Double.NaN;
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
