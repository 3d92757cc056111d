package io.actortrading.bench;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.market.indicators.WilderRsi;
import io.actortrading.market.instrument.Instrument;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * One closed bar into our streaming indicators versus ta4j 0.17 doing the same work: append the bar
 * to a BarSeries bounded by a maximum bar count and read each indicator's value at the end index.
 * Two workloads: Wilder RSI(14) alone, and the whole standard set of {@link IndicatorSet} (ta4j
 * computes 13 of its 14 values: it has no session-anchored VWAP, only a rolling one).
 *
 * <p>ta4j runs on DoubleNum, its fastest number type, so the comparison is double against double.
 * Bars cycle through a pre-generated array so that bar creation is not measured on our side; ta4j
 * needs a fresh, later end time per bar, which is part of what appending a bar costs there.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -o -q -pl tests/bench -am package -DskipTests
 * java -cp 'tests/bench/target/actortrading-bench-0.1.0-SNAPSHOT.jar:tests/bench/target/lib/*' \
 *     org.openjdk.jmh.Main IndicatorBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 * Add {@code -prof gc} to see the bytes allocated per update ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class IndicatorBenchmark {

    private static final int BAR_COUNT = 4096;
    private static final int BAR_MASK = BAR_COUNT - 1;
    /** Enough history for every indicator of the set (the longest warm-up is MACD's 34 bars). */
    private static final int TA4J_MAXIMUM_BAR_COUNT = 200;
    private static final long MINUTE = 60_000L;

    private Bar[] bars;
    private int cursor;

    private WilderRsi rsi;
    private IndicatorSet indicatorSet;
    private double[] values;

    private BarSeries rsiSeries;
    private RSIIndicator ta4jRsi;
    private ZonedDateTime rsiSeriesEnd;

    private BarSeries setSeries;
    private List<org.ta4j.core.Indicator<Num>> ta4jSet;
    private ZonedDateTime setSeriesEnd;
    private double[] ta4jValues;

    @Setup
    public void setUp() {
        bars = randomWalk(BAR_COUNT, 42);
        Instrument instrument = Instrument.infer("NVDA");
        rsi = new WilderRsi(14);
        indicatorSet = new IndicatorSet(instrument);
        values = new double[IndicatorSet.NAMES.size()];

        rsiSeries = ta4jSeries();
        ta4jRsi = new RSIIndicator(new ClosePriceIndicator(rsiSeries), 14);
        rsiSeriesEnd = ZonedDateTime.ofInstant(Instant.ofEpochMilli(bars[0].end()), ZoneOffset.UTC);

        setSeries = ta4jSeries();
        ClosePriceIndicator close = new ClosePriceIndicator(setSeries);
        SMAIndicator sma20 = new SMAIndicator(close, 20);
        StandardDeviationIndicator sd20 = new StandardDeviationIndicator(close, 20);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(sma20);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        Num two = setSeries.numOf(2);
        ta4jSet = List.of(sma20, new EMAIndicator(close, 12), new EMAIndicator(close, 26), new RSIIndicator(close, 14),
                macd, macd.getSignalLine(9), macd.getHistogram(9),
                new BollingerBandsUpperIndicator(middle, sd20, two), middle,
                new BollingerBandsLowerIndicator(middle, sd20, two),
                new ATRIndicator(setSeries, 14), new OnBalanceVolumeIndicator(setSeries), sd20);
        setSeriesEnd = rsiSeriesEnd;
        ta4jValues = new double[ta4jSet.size()];

        for (int i = 0; i < 2 * TA4J_MAXIMUM_BAR_COUNT; i++) {
            rsiUpdate();
            ta4jRsiUpdate();
            indicatorSetUpdate();
            ta4jIndicatorSetUpdate();
        }
    }

    private static BarSeries ta4jSeries() {
        return new BaseBarSeriesBuilder().withName("NVDA").withNumTypeOf(DoubleNum.class)
                .withMaxBarCount(TA4J_MAXIMUM_BAR_COUNT).build();
    }

    private Bar nextBar() {
        Bar bar = bars[cursor];
        cursor = (cursor + 1) & BAR_MASK;
        return bar;
    }

    @Benchmark
    public double rsiUpdate() {
        rsi.update(nextBar());
        return rsi.value();
    }

    @Benchmark
    public double ta4jRsiUpdate() {
        Bar bar = nextBar();
        rsiSeriesEnd = rsiSeriesEnd.plusMinutes(1);
        rsiSeries.addBar(rsiSeriesEnd, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        return ta4jRsi.getValue(rsiSeries.getEndIndex()).doubleValue();
    }

    @Benchmark
    public double[] indicatorSetUpdate() {
        indicatorSet.update(nextBar());
        indicatorSet.values(values);
        return values;
    }

    @Benchmark
    public double[] ta4jIndicatorSetUpdate() {
        Bar bar = nextBar();
        setSeriesEnd = setSeriesEnd.plusMinutes(1);
        setSeries.addBar(setSeriesEnd, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        int end = setSeries.getEndIndex();
        for (int i = 0; i < ta4jValues.length; i++) {
            ta4jValues[i] = ta4jSet.get(i).getValue(end).doubleValue();
        }
        return ta4jValues;
    }

    /** A seeded 1-minute random walk in cent ticks with the occasional flat, zero-volume bar. */
    static Bar[] randomWalk(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Bar[] walk = new Bar[count];
        long start = Instant.parse("2024-03-04T14:30:00Z").toEpochMilli();
        double close = 100.0;
        for (int i = 0; i < count; i++) {
            double open = close;
            long barStart = start + i * MINUTE;
            if (random.nextInt(50) == 0) {
                walk[i] = new Bar("NVDA", Timeframe.M1, barStart, barStart + MINUTE, open, open, open, open, 0.0, open, 0,
                        "bench");
                continue;
            }
            close = Math.max(1.0, Math.round(open * Math.exp(0.0015 * random.nextGaussian()) * 100) / 100.0);
            double high = Math.max(open, close) + Math.round(Math.abs(random.nextGaussian()) * 7) / 100.0;
            double low = Math.min(open, close) - Math.round(Math.abs(random.nextGaussian()) * 7) / 100.0;
            double volume = Math.round(2_000 * Math.exp(0.6 * random.nextGaussian()));
            walk[i] = new Bar("NVDA", Timeframe.M1, barStart, barStart + MINUTE, open, high, low, close, volume,
                    Bar.typicalPrice(high, low, close), 1 + (long) (volume / 100), "bench");
        }
        return walk;
    }
}
