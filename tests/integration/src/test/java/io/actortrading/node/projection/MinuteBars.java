package io.actortrading.node.projection;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.CandleAggregator;
import io.actortrading.market.candles.CandleSettings;
import io.actortrading.market.instrument.Instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic one-minute bars for projection tests, and their fold into every timeframe. */
final class MinuteBars {

    static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1,
            Timeframe.D1);
    static final long MINUTE = 60_000L;

    private MinuteBars() {
    }

    /** {@code count} consecutive minutes from {@code from}, a random walk seeded by the symbol. */
    static List<Bar> walk(String symbol, long from, int count) {
        SplittableRandom random = new SplittableRandom(symbol.hashCode());
        List<Bar> bars = new ArrayList<>(count);
        double price = 100 + random.nextDouble() * 50;
        for (int i = 0; i < count; i++) {
            double open = price;
            double close = Math.max(1, open * (1 + (random.nextDouble() - 0.5) * 0.004));
            double high = Math.max(open, close) * (1 + random.nextDouble() * 0.001);
            double low = Math.min(open, close) * (1 - random.nextDouble() * 0.001);
            double volume = 100 + random.nextInt(10_000);
            double vwap = low + (high - low) * random.nextDouble();
            long start = from + i * MINUTE;
            bars.add(new Bar(symbol, Timeframe.M1, start, start + MINUTE, open, high, low, close, volume, vwap,
                    1 + random.nextInt(200), "polygon"));
            price = close;
        }
        return bars;
    }

    /** Every bar a symbol closes from these minutes, in every timeframe, through {@code closedThrough}. */
    static List<Bar> fold(List<Bar> minutes, long closedThrough) {
        CandleAggregator aggregator = new CandleAggregator(Instrument.infer(minutes.get(0).symbol()),
                CandleSettings.defaults().withTimeframes(TIMEFRAMES).withGraceMillis(0));
        List<Bar> closed = new ArrayList<>();
        for (Bar minute : minutes) {
            aggregator.onBar(minute, closed::add);
        }
        aggregator.advanceTo(closedThrough, closed::add);
        return closed;
    }
}
