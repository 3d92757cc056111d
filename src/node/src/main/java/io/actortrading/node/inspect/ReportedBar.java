package io.actortrading.node.inspect;

import io.actortrading.market.Bar;

import java.time.Instant;

/** A bar in the shape of the replay output lines: times as ISO-8601 UTC, a non-finite price as null. */
public record ReportedBar(String symbol, String timeframe, String start, String end, Double open, Double high,
                         Double low, Double close, Double volume, Double vwap, long trades, String source) {

    static ReportedBar of(Bar bar) {
        return new ReportedBar(bar.symbol(), bar.timeframe().label(), instant(bar.start()), instant(bar.end()),
                finite(bar.open()), finite(bar.high()), finite(bar.low()), finite(bar.close()), finite(bar.volume()),
                finite(bar.vwap()), bar.trades(), bar.source());
    }

    /** JSON has no NaN or infinity; an unknown number is null. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Epoch milliseconds as ISO-8601 UTC; 0 or less means "never" and becomes null. */
    static String instantOrNull(long epochMillis) {
        return epochMillis <= 0 ? null : instant(epochMillis);
    }

    static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
