package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.node.CborSerializable;

import java.util.List;
import java.util.Map;

/**
 * What a symbol actor shows an operator: its candles, indicators, features and counters. A copy,
 * made on request (never on the hot path).
 *
 * @param indicators per timeframe label, indicator name to value (null while not warm)
 * @param features   the 12 seed features, or null until 50 one-minute bars exist
 */
public record SymbolView(String symbol,
                         String assetClass,
                         String zone,
                         double lastPrice,
                         long lastEventAt,
                         double quality,
                         Counters counters,
                         List<Bar> forming,
                         List<Bar> closed,
                         Map<String, Map<String, Double>> indicators,
                         List<String> featureNames,
                         double[] features,
                         long featuresAt) implements CborSerializable {

    /** Everything the symbol counted since it was created (restored from snapshots). */
    public record Counters(long ticks, long applied, long late, long duplicates, long outsideSession,
                           Map<String, Long> rejected, long barsClosed) implements CborSerializable {
    }
}
