package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.node.CborSerializable;

import java.util.List;
import java.util.Map;

/**
 * What a symbol actor shows an operator: its candles, indicators, features and counters. A copy,
 * made on request (never on the hot path).
 *
 * @param indicators    per timeframe label, indicator name to value (null while not warm)
 * @param features      the 12 seed features, or null until 50 one-minute bars exist
 * @param activeSource  the live source the candles are built from, null when the router chose none
 * @param sourceOrder   the symbol's live sources by preference (the fallback order), empty without live feeds
 * @param standbyEvents events of the other live sources, kept only for the cross-source check
 * @param ready         every 1-minute indicator and the feature vector have a value
 * @param warmingUp     the history a new symbol needs has been asked for and has not arrived yet
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
                         long featuresAt,
                         String activeSource,
                         List<String> sourceOrder,
                         long standbyEvents,
                         Discrepancies discrepancies,
                         Gaps gaps,
                         boolean ready,
                         boolean warmingUp) implements CborSerializable {

    /** A view without live-source data: no source chosen, nothing on standby, no gap, not ready. */
    public SymbolView(String symbol, String assetClass, String zone, double lastPrice, long lastEventAt,
                      double quality, Counters counters, List<Bar> forming, List<Bar> closed,
                      Map<String, Map<String, Double>> indicators, List<String> featureNames, double[] features,
                      long featuresAt) {
        this(symbol, assetClass, zone, lastPrice, lastEventAt, quality, counters, forming, closed, indicators,
                featureNames, features, featuresAt, null, List.of(), 0, Discrepancies.NONE, Gaps.NONE, false, false);
    }

    /** Everything the symbol counted since it was created (restored from snapshots). */
    public record Counters(long ticks, long applied, long late, long duplicates, long outsideSession,
                           Map<String, Long> rejected, long barsClosed) implements CborSerializable {
    }

    /**
     * Minutes whose close differed from another live source's price for the same minute by more than
     * the threshold.
     *
     * @param last the latest one, null before the first
     */
    public record Discrepancies(long count, Discrepancy last) implements CborSerializable {
        public static final Discrepancies NONE = new Discrepancies(0, null);
    }

    /** @param minute start of the minute, epoch milliseconds */
    public record Discrepancy(long minute, String activeSource, double activePrice, String otherSource,
                              double otherPrice) implements CborSerializable {
    }

    /**
     * Runs of missing session minutes.
     *
     * @param detected        gaps seen (a warm-up is not a gap)
     * @param filled          backfills merged (a warm-up included)
     * @param unfilled        backfills given up after their retries, or merged only in part
     * @param unfilledMinutes minutes of those that stayed missing
     * @param pending         the span still asked for, null when nothing is pending
     */
    public record Gaps(long detected, long filled, long unfilled, long unfilledMinutes, Window pending)
            implements CborSerializable {
        public static final Gaps NONE = new Gaps(0, 0, 0, 0, null);
    }

    /** [from, to) in epoch milliseconds. */
    public record Window(long from, long to) implements CborSerializable {
    }
}
