package io.actortrading.market.candles;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The forming 1-minute bar, the only bar built from ticks. It remembers the event times of its
 * earliest and latest tick because ticks arrive out of order: a late tick still counts for high,
 * low, volume, VWAP and trades, but may only set the open if it is the earliest trade seen and the
 * close if it is (at least as late as) the latest one.
 */
final class MinuteBar extends FormingBar {

    long earliest;
    long latest;

    void begin(long bucketStart, long bucketEnd, long time, double price, double size, String tickSource) {
        active = true;
        start = bucketStart;
        end = bucketEnd;
        open = price;
        high = price;
        low = price;
        close = price;
        volume = size;
        priceVolume = price * size;
        trades = 1;
        earliest = time;
        latest = time;
        source = tickSource;
    }

    void apply(long time, double price, double size, String tickSource) {
        if (price > high) {
            high = price;
        }
        if (price < low) {
            low = price;
        }
        volume += size;
        priceVolume += price * size;
        trades++;
        if (time < earliest) {
            earliest = time;
            open = price;
        }
        if (time >= latest) {
            latest = time;
            close = price;
            source = tickSource;
        }
    }

    @Override
    void write(DataOutput out) throws IOException {
        super.write(out);
        if (active) {
            out.writeLong(earliest);
            out.writeLong(latest);
        }
    }

    @Override
    void read(DataInput in) throws IOException {
        super.read(in);
        if (active) {
            earliest = in.readLong();
            latest = in.readLong();
        }
    }
}
