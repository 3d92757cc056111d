package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bollinger Bands of the close: middle = SMA(period), upper/lower = middle ± k · σ with σ the
 * POPULATION standard deviation over the same window, as ta4j's BollingerBands*Indicator over a
 * StandardDeviationIndicator compute them (and as Bollinger defined them).
 */
public final class BollingerBands implements Indicator {

    private final RollingWindow window;
    private final double k;
    private long samples;

    public BollingerBands(int period, double k) {
        if (!(k >= 0.0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("band width k must be a finite non-negative number: " + k);
        }
        this.window = new RollingWindow(period);
        this.k = k;
    }

    public int period() {
        return window.capacity();
    }

    public double k() {
        return k;
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

    public double middle() {
        return isReady() ? window.mean() : Double.NaN;
    }

    public double upper() {
        return isReady() ? window.mean() + k * Math.sqrt(window.populationVariance()) : Double.NaN;
    }

    public double lower() {
        return isReady() ? window.mean() - k * Math.sqrt(window.populationVariance()) : Double.NaN;
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
