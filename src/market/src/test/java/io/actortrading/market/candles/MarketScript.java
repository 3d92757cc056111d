package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible, realistic-looking input stream for one instrument: trades moving forward in time
 * with jitter, late and re-sent trades, identified and anonymous prints, gaps, provider bars, extended
 * hours and clock ticks. Whatever the aggregator does with it must be reproducible from a checkpoint.
 */
final class MarketScript {

    /** One thing that happens to an aggregator. */
    sealed interface Step permits TradeStep, BarStep, ClockStep {
        void applyTo(CandleAggregator candles, BarSink sink);
    }

    record TradeStep(Tick tick) implements Step {
        @Override
        public void applyTo(CandleAggregator candles, BarSink sink) {
            candles.onTick(tick, sink);
        }
    }

    record BarStep(Bar bar) implements Step {
        @Override
        public void applyTo(CandleAggregator candles, BarSink sink) {
            candles.onBar(bar, sink);
        }
    }

    record ClockStep(long now) implements Step {
        @Override
        public void applyTo(CandleAggregator candles, BarSink sink) {
            candles.advanceTo(now, sink);
        }
    }

    private MarketScript() {
    }

    static List<Step> generate(Instrument instrument, long from, int steps, long seed) {
        Random random = new Random(seed);
        List<Step> script = new ArrayList<>(steps);
        List<Tick> identified = new ArrayList<>();
        String symbol = instrument.symbol();
        long time = from;
        double price = 100;
        long sequence = 0;
        for (int i = 0; i < steps; i++) {
            int kind = random.nextInt(1000);
            if (kind < 8) {
                script.add(new ClockStep(time + random.nextInt(10_000)));
                continue;
            }
            if (kind < 14) {
                long minute = Math.floorDiv(time, 60_000L) * 60_000L + 60_000L * (random.nextInt(3) - 1);
                double high = price * 1.01;
                double low = price * 0.99;
                script.add(new BarStep(new Bar(symbol, Timeframe.M1, minute, minute + 60_000L, price, high, low,
                        price * (1 + (random.nextDouble() - 0.5) / 50), random.nextInt(1_000),
                        (high + low + price) / 3, random.nextInt(50), "provider")));
                continue;
            }
            if (kind < 40 && !identified.isEmpty()) {
                script.add(new TradeStep(identified.get(random.nextInt(identified.size()))));
                continue;
            }
            time += random.nextInt(kind < 45 ? 3_600_000 : 4_000);
            price = Math.max(1, price + random.nextGaussian() * 0.05);
            long tickTime = kind < 120 ? time - random.nextInt(90_000) : time;
            double size = random.nextInt(10) == 0 ? 0.0 : 1 + random.nextInt(500) / 7.0;
            String source = random.nextBoolean() ? "polygon" : "yahoo";
            Tick tick = switch (random.nextInt(3)) {
                case 0 -> Tick.of(symbol, tickTime, price, size, source);
                case 1 -> new Tick(symbol, tickTime, price, size, source, Long.toString(random.nextLong() >>> 20),
                        Tick.NO_SEQUENCE, random.nextInt(20));
                default -> new Tick(symbol, tickTime, price, size, source, null, ++sequence, 0);
            };
            if (tick.identified()) {
                identified.add(tick);
                if (identified.size() > 3_000) {
                    identified.remove(0);
                }
            }
            script.add(new TradeStep(tick));
        }
        return script;
    }
}
