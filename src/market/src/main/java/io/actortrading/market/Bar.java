package io.actortrading.market;

/**
 * An OHLCV bar over [start, end). Feeds hand the node finished 1-minute provider bars; the candle
 * aggregator closes bars of every timeframe.
 *
 * @param vwap   volume-weighted average price over the bar; when the provider gives none it is
 *               estimated from the typical price (high + low + close) / 3
 * @param trades number of trades, 0 when the provider does not say
 */
public record Bar(String symbol, Timeframe timeframe, long start, long end, double open, double high,
                  double low, double close, double volume, double vwap, long trades, String source)
        implements MarketEvent {

    /** Bars are stamped with their start: that is the time a bar is known by. */
    @Override
    public long timestamp() {
        return start;
    }

    public static double typicalPrice(double high, double low, double close) {
        return (high + low + close) / 3.0;
    }
}
