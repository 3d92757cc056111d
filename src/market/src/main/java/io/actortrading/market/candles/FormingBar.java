package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What both kinds of forming bar share: the bucket, OHLC, volume, the price-volume sum behind the
 * VWAP, trades and the source of the last contribution. Mutable and reused so that updating it never
 * allocates; {@code active} is false between a close and the next contribution.
 */
abstract sealed class FormingBar permits MinuteBar, FoldedBar {

    /** A source name longer than this in a checkpoint means the bytes are not a checkpoint. */
    private static final int MAX_SOURCE_LENGTH = 1 << 16;

    boolean active;
    long start;
    long end;
    double open;
    double high;
    double low;
    double close;
    double volume;
    /** Sum of price x size (ticks) or vwap x volume (folded bars). */
    double priceVolume;
    long trades;
    String source;

    final Bar toBar(String symbol, Timeframe timeframe) {
        return new Bar(symbol, timeframe, start, end, open, high, low, close, volume,
                settledVwap(priceVolume, volume, low, high, close), trades, source);
    }

    /**
     * The VWAP of a bar: the close when there is no volume to weigh by (or the sums overflowed), and
     * kept inside [low, high], which rounding of the sums can otherwise leave by an ulp.
     */
    static double settledVwap(double priceVolume, double volume, double low, double high, double close) {
        double vwap = priceVolume / volume;
        if (!(volume > 0.0) || Double.isNaN(vwap) || Double.isInfinite(vwap)) {
            return close;
        }
        return Math.max(low, Math.min(high, vwap));
    }

    void write(DataOutput out) throws IOException {
        out.writeBoolean(active);
        if (!active) {
            return;
        }
        out.writeLong(start);
        out.writeLong(end);
        out.writeLong(Double.doubleToRawLongBits(open));
        out.writeLong(Double.doubleToRawLongBits(high));
        out.writeLong(Double.doubleToRawLongBits(low));
        out.writeLong(Double.doubleToRawLongBits(close));
        out.writeLong(Double.doubleToRawLongBits(volume));
        out.writeLong(Double.doubleToRawLongBits(priceVolume));
        out.writeLong(trades);
        writeSource(out, source);
    }

    void read(DataInput in) throws IOException {
        active = in.readBoolean();
        if (!active) {
            return;
        }
        start = in.readLong();
        end = in.readLong();
        if (start >= end) {
            throw new IOException("corrupt checkpoint: forming bar [" + start + ", " + end + ")");
        }
        open = Double.longBitsToDouble(in.readLong());
        high = Double.longBitsToDouble(in.readLong());
        low = Double.longBitsToDouble(in.readLong());
        close = Double.longBitsToDouble(in.readLong());
        volume = Double.longBitsToDouble(in.readLong());
        priceVolume = Double.longBitsToDouble(in.readLong());
        trades = in.readLong();
        source = readSource(in);
    }

    private static void writeSource(DataOutput out, String source) throws IOException {
        if (source == null) {
            out.writeInt(-1);
            return;
        }
        // chars rather than writeUTF: a source is input, and writeUTF fails above 64 KiB
        out.writeInt(source.length());
        out.writeChars(source);
    }

    private static String readSource(DataInput in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > MAX_SOURCE_LENGTH) {
            throw new IOException("corrupt checkpoint: source of length " + length);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }
}
