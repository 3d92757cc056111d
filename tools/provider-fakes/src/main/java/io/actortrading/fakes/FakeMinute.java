package io.actortrading.fakes;

/**
 * The exact aggregate of the trades in {@code [start, end)}: usually one minute, also a day so far or
 * the still-forming part of a minute.
 *
 * @param volume sum of the sizes, rounded like a size
 * @param vwap   sum of price times size over the volume, rounded like a price
 * @param trades number of trades
 */
public record FakeMinute(String symbol, long start, long end, double open, double high, double low,
                         double close, double volume, double vwap, long trades) {
}
