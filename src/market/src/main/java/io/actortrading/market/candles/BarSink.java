package io.actortrading.market.candles;

import io.actortrading.market.Bar;

/**
 * Receives the bars the aggregator closes, synchronously and in order: within one call the 1-minute
 * bar comes first, then the higher timeframes from the shortest to the longest, because each higher
 * bar is the fold of 1-minute bars that must already be known downstream.
 */
@FunctionalInterface
public interface BarSink {

    void barClosed(Bar bar);
}
