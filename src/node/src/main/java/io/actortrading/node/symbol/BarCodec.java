package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A bar in a snapshot: every double as its raw bits, so what is read back is what was written. */
final class BarCodec {

    private static final String NO_SOURCE = "";

    private BarCodec() {
    }

    static void write(Bar bar, DataOutput out) throws IOException {
        out.writeUTF(bar.symbol());
        out.writeUTF(bar.timeframe().label());
        out.writeLong(bar.start());
        out.writeLong(bar.end());
        out.writeDouble(bar.open());
        out.writeDouble(bar.high());
        out.writeDouble(bar.low());
        out.writeDouble(bar.close());
        out.writeDouble(bar.volume());
        out.writeDouble(bar.vwap());
        out.writeLong(bar.trades());
        out.writeUTF(bar.source() == null ? NO_SOURCE : bar.source());
    }

    static Bar read(DataInput in) throws IOException {
        String symbol = in.readUTF();
        String label = in.readUTF();
        Timeframe tf = Timeframe.fromLabel(label).orElseThrow(() -> new IOException("unknown timeframe " + label));
        long start = in.readLong();
        long end = in.readLong();
        double open = in.readDouble();
        double high = in.readDouble();
        double low = in.readDouble();
        double close = in.readDouble();
        double volume = in.readDouble();
        double vwap = in.readDouble();
        long trades = in.readLong();
        String source = in.readUTF();
        return new Bar(symbol, tf, start, end, open, high, low, close, volume, vwap, trades,
                source.isEmpty() ? null : source);
    }
}
