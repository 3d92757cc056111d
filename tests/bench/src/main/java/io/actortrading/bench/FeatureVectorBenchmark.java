package io.actortrading.bench;

import io.actortrading.market.Bar;
import io.actortrading.market.features.FeatureWindow;
import io.actortrading.market.instrument.Instrument;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceRatioIndicator;
import org.ta4j.core.indicators.helpers.CombineIndicator;
import org.ta4j.core.indicators.helpers.DateTimeIndicator;
import org.ta4j.core.indicators.helpers.GainIndicator;
import org.ta4j.core.indicators.helpers.LossIndicator;
import org.ta4j.core.indicators.helpers.TransformIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * One closed 1-minute bar into {@link FeatureWindow} ({@code add} then {@code compute}: the 12-value
 * vector of DESIGN.md section 7) versus ta4j 0.17 doing the same work: append the bar to a BarSeries
 * whose maximumBarCount is the window's {@value FeatureWindow#BARS} bars and read every value of the
 * vector at the end index.
 *
 * <p>The ta4j graph, on DoubleNum (its fastest number type, so it is double against double):
 * <ul>
 *   <li>returns and log returns: {@code ClosePriceRatioIndicator} minus 1, and its log;</li>
 *   <li>{@code SMAIndicator(close, 5)}, {@code SMAIndicator(close, 20)};</li>
 *   <li>{@code EMAIndicator(close, 12)}: ta4j's EMA is the recursive (pandas {@code adjust=False}) one,
 *       seeded at the series' first bar and carried on past the 50 bars kept, whereas the model's
 *       feature is pandas' adjusted {@code ewm(span=12)} restarted at the window's first bar (on this
 *       walk they differ by up to 9e-6 relative); ta4j takes one recursive step per bar, ours a 50-bar
 *       pass;</li>
 *   <li>volatility: {@code StandardDeviationIndicator(returns, 20)}, which is the population standard
 *       deviation (divides by 20) where pandas' {@code std()} divides by 19 (2.6% lower);</li>
 *   <li>RSI: built from {@code GainIndicator}/{@code LossIndicator} under {@code SMAIndicator(14)}, so the
 *       same simple-average RSI as the feature, not ta4j's {@code RSIIndicator} (Wilder smoothing);</li>
 *   <li>volume ratio: {@code VolumeIndicator} over {@code SMAIndicator(volume, 20)};</li>
 *   <li>vwap: {@code VWAPIndicator(series, 50)}, the window's cumulative VWAP, though ta4j weights the
 *       typical price (high + low + close) / 3 where the feature weights the close (4e-4 apart here);</li>
 *   <li>hour and minute: a {@code DateTimeIndicator} of the bar's begin time, which ta4j holds as a
 *       ZonedDateTime in the exchange's zone; then the close.</li>
 * </ul>
 * The other values agree with the feature's to within 2e-14 relative. Where 14 bars hold no loss, ta4j's
 * DoubleNum division by zero makes the RSI NaN (10 bars of the walk) and the feature gives 100.
 *
 * <p>Both sides start from the same {@link Bar} records, pre-generated as a 2^16-minute random walk (so
 * creating them is not measured) that crosses the March switch to daylight saving time once. ta4j's
 * side pays for what feeding it a bar takes: the end time as a ZonedDateTime in the exchange's zone and
 * a BaseBar of DoubleNums; our side converts the epoch millisecond start to exchange time itself. Neither
 * accepts a bar that is not later than the last one, so when the walk is used up each side starts
 * over with a fresh window or series fed the walk's first 50 bars (amortized over 65,486 bars).
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -o -q -pl tests/bench -am package -DskipTests
 * java -cp 'tests/bench/target/actortrading-bench-0.1.0-SNAPSHOT.jar:tests/bench/target/lib/*' \
 *     org.openjdk.jmh.Main FeatureVectorBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 * {@code gc.alloc.rate.norm} is the bytes allocated per bar: none on our side beyond the rare restart.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureVectorBenchmark {

    private static final int BAR_COUNT = 1 << 16;
    private static final long WALK_SEED = 42;
    private static final String SYMBOL = "NVDA";

    @Benchmark
    public double[] featureWindow(FeatureWindowSide side) {
        return side.nextVector();
    }

    @Benchmark
    public double[] ta4jFeatureVector(Ta4jSide side) {
        return side.nextVector();
    }

    /** The symbol actor's path: one window, one reusable output vector. */
    @State(Scope.Thread)
    public static class FeatureWindowSide {

        private Instrument instrument;
        private Bar[] bars;
        private int cursor;
        private FeatureWindow window;
        private final double[] vector = new double[FeatureWindow.SIZE];

        @Setup
        public void setUp() {
            instrument = Instrument.infer(SYMBOL);
            bars = IndicatorBenchmark.randomWalk(BAR_COUNT, WALK_SEED);
            startOver();
        }

        private void startOver() {
            window = new FeatureWindow(instrument);
            for (cursor = 0; cursor < FeatureWindow.BARS; cursor++) {
                window.add(bars[cursor]);
            }
        }

        double[] nextVector() {
            if (cursor == BAR_COUNT) {
                startOver();
            }
            window.add(bars[cursor++]);
            window.compute(vector);
            return vector;
        }
    }

    /** The same vector from a bounded ta4j BarSeries and the indicator graph described above. */
    @State(Scope.Thread)
    public static class Ta4jSide {

        private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

        private ZoneId exchangeZone;
        private Bar[] bars;
        private int cursor;
        private final double[] vector = new double[FeatureWindow.SIZE];

        private BarSeries series;
        private Indicator<Num> returns;
        private Indicator<Num> logReturns;
        private Indicator<Num> sma5;
        private Indicator<Num> sma20;
        private Indicator<Num> ema12;
        private Indicator<Num> volatility;
        private Indicator<Num> rsi;
        private Indicator<Num> volumeRatio;
        private Indicator<Num> vwap;
        private DateTimeIndicator barStart;
        private Indicator<Num> close;

        @Setup
        public void setUp() {
            exchangeZone = Instrument.infer(SYMBOL).zone();
            bars = IndicatorBenchmark.randomWalk(BAR_COUNT, WALK_SEED);
            startOver();
        }

        private void startOver() {
            series = new BaseBarSeriesBuilder().withName(SYMBOL).withNumTypeOf(DoubleNum.class)
                    .withMaxBarCount(FeatureWindow.BARS).build();
            ClosePriceIndicator closePrice = new ClosePriceIndicator(series);
            ClosePriceRatioIndicator closeRatio = new ClosePriceRatioIndicator(series);
            returns = TransformIndicator.minus(closeRatio, 1);
            logReturns = TransformIndicator.log(closeRatio);
            sma5 = new SMAIndicator(closePrice, 5);
            sma20 = new SMAIndicator(closePrice, 20);
            ema12 = new EMAIndicator(closePrice, 12);
            volatility = new StandardDeviationIndicator(returns, 20);
            Num hundred = series.numOf(100);
            Num one = series.one();
            rsi = new TransformIndicator(
                    CombineIndicator.divide(new SMAIndicator(new GainIndicator(closePrice), 14),
                            new SMAIndicator(new LossIndicator(closePrice), 14)),
                    relativeStrength -> hundred.minus(hundred.dividedBy(one.plus(relativeStrength))));
            VolumeIndicator volume = new VolumeIndicator(series);
            volumeRatio = CombineIndicator.divide(volume, new SMAIndicator(volume, 20));
            vwap = new VWAPIndicator(series, FeatureWindow.BARS);
            barStart = new DateTimeIndicator(series, org.ta4j.core.Bar::getBeginTime);
            close = closePrice;
            for (cursor = 0; cursor < FeatureWindow.BARS; ) {
                nextVector();
            }
        }

        double[] nextVector() {
            if (cursor == BAR_COUNT) {
                startOver();
            }
            Bar bar = bars[cursor++];
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(bar.end()), exchangeZone);
            series.addBar(ONE_MINUTE, end, DoubleNum.valueOf(bar.open()), DoubleNum.valueOf(bar.high()),
                    DoubleNum.valueOf(bar.low()), DoubleNum.valueOf(bar.close()), DoubleNum.valueOf(bar.volume()));
            int last = series.getEndIndex();
            vector[0] = returns.getValue(last).doubleValue();
            vector[1] = logReturns.getValue(last).doubleValue();
            vector[2] = sma5.getValue(last).doubleValue();
            vector[3] = sma20.getValue(last).doubleValue();
            vector[4] = ema12.getValue(last).doubleValue();
            vector[5] = volatility.getValue(last).doubleValue();
            vector[6] = rsi.getValue(last).doubleValue();
            vector[7] = volumeRatio.getValue(last).doubleValue();
            vector[8] = vwap.getValue(last).doubleValue();
            ZonedDateTime start = barStart.getValue(last);
            vector[9] = start.getHour();
            vector[10] = start.getMinute();
            vector[11] = close.getValue(last).doubleValue();
            return vector;
        }
    }
}
