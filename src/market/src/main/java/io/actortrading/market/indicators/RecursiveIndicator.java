package io.actortrading.market.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An indicator whose state is a few numbers carried from bar to bar (exponential averages, running
 * totals) rather than a window of bars. They share the count of samples taken in and one snapshot
 * layout: the periods (a snapshot of other periods is refused), the number of samples, then the
 * indicator's own numbers ({@link #writeRecursion}).
 */
abstract sealed class RecursiveIndicator implements Indicator
        permits Ema, WilderRsi, WilderAtr, Macd, OnBalanceVolume, SessionVwap {

    /** A period the indicator was configured with, and the name a snapshot of another period is refused under. */
    record Period(String indicator, int bars) {
    }

    private final Period[] periods;
    private long samples;

    RecursiveIndicator(Period... periods) {
        this.periods = periods;
    }

    /** {@code period}, refused unless at least 1; {@code indicator} names it in the message. */
    static int positivePeriod(String indicator, int period) {
        if (period < 1) {
            throw new IllegalArgumentException(indicator + " period must be at least 1: " + period);
        }
        return period;
    }

    @Override
    public final long samples() {
        return samples;
    }

    /** Whether nothing has been taken in yet: the next sample starts the recursion. */
    final boolean isFirstSample() {
        return samples == 0;
    }

    /** Counts one sample taken in; a bar that was ignored is not counted. */
    final void countSample() {
        samples++;
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        for (Period period : periods) {
            out.writeInt(period.bars());
        }
        out.writeLong(samples);
        writeRecursion(out);
    }

    @Override
    public final void readState(DataInput in) throws IOException {
        for (Period period : periods) {
            Snapshots.expectPeriod(in, period.indicator(), period.bars());
        }
        samples = in.readLong();
        readRecursion(in);
    }

    /** Writes the numbers the recursion carries, after the periods and the number of samples. */
    abstract void writeRecursion(DataOutput out) throws IOException;

    /** Reads back what {@link #writeRecursion} wrote. */
    abstract void readRecursion(DataInput in) throws IOException;
}
