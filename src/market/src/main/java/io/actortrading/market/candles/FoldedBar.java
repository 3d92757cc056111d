package io.actortrading.market.candles;

import io.actortrading.market.Bar;

/**
 * A forming bar of a higher timeframe: the fold of the closed 1-minute bars of its bucket, in order.
 * It sums vwap x volume of those bars (not the ticks' price x size), so it is the same whether the
 * minutes were built from ticks, came from a provider, or were replayed from persisted closes.
 */
final class FoldedBar extends FormingBar {

    void begin(long bucketStart, long bucketEnd, Bar minute) {
        active = true;
        start = bucketStart;
        end = bucketEnd;
        open = minute.open();
        high = minute.high();
        low = minute.low();
        close = minute.close();
        volume = minute.volume();
        priceVolume = minute.vwap() * minute.volume();
        trades = minute.trades();
        source = minute.source();
    }

    void add(Bar minute) {
        high = Math.max(high, minute.high());
        low = Math.min(low, minute.low());
        close = minute.close();
        volume += minute.volume();
        priceVolume += minute.vwap() * minute.volume();
        trades += minute.trades();
        source = minute.source();
    }

    FoldedBar copy() {
        FoldedBar c = new FoldedBar();
        c.active = active;
        c.start = start;
        c.end = end;
        c.open = open;
        c.high = high;
        c.low = low;
        c.close = close;
        c.volume = volume;
        c.priceVolume = priceVolume;
        c.trades = trades;
        c.source = source;
        return c;
    }
}
