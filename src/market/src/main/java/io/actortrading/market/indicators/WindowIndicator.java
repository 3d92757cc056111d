package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An indicator of the closes in one {@link RollingWindow} of {@code period} bars: Sma, RollingStdDev and
 * BollingerBands differ only in what they read from the window. Ready once the window is full (ta4j
 * averages a partial window before that; we report NaN instead, since a statistic of fewer bars than
 * asked for is a different indicator).
 *
 * <p>Snapshot: the number of samples, then the window, which refuses a snapshot of another period. The
 * samples are set only once the window has been read, so a refused snapshot leaves this one as it was.
 */
abstract sealed class WindowIndicator implements Indicator permits Sma, RollingStdDev, BollingerBands {

    final RollingWindow window;
    private long samples;

    WindowIndicator(int period) {
        this.window = new RollingWindow(period);
    }

    public final int period() {
        return window.capacity();
    }

    @Override
    public final void update(Bar bar) {
        update(bar.close());
    }

    public final void update(double x) {
        if (!Double.isFinite(x)) {
            return;
        }
        window.add(x);
        samples++;
    }

    @Override
    public final int warmUpPeriod() {
        return window.capacity();
    }

    @Override
    public final long samples() {
        return samples;
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        out.writeLong(samples);
        window.writeState(out);
    }

    @Override
    public final void readState(DataInput in) throws IOException {
        long readSamples = in.readLong();
        window.readState(in);
        samples = readSamples;
    }
}
