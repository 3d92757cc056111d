package io.actortrading.bench;

import io.actortrading.market.Tick;
import io.actortrading.market.candles.BarSink;
import io.actortrading.market.candles.CandleAggregator;
import io.actortrading.market.candles.CandleSettings;
import io.actortrading.market.candles.TickOutcome;
import io.actortrading.market.instrument.Instrument;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per {@link CandleAggregator#onTick}: the cost a symbol actor pays per trade before
 * indicators. Ticks come from a pre-generated array (so creating them is not measured) that walks
 * forward through a regular session with jitter and 5% of trades up to two seconds late.
 *
 * <ul>
 *   <li>{@code ticksPerMinute = 3000}: a liquid symbol; nearly every tick takes the fast path
 *       (inside the forming minute), a bar closes every 3000 ticks.</li>
 *   <li>{@code ticksPerMinute = 1}: every tick starts a new minute, so every tick computes a bucket
 *       and closes bars: the slow path's cost, and for NVDA many ticks fall outside the session.</li>
 *   <li>{@code identity}: {@code none} (replay files, synthetic), {@code tradeId} (Polygon's trade id
 *       + exchange, hashed and checked against the last 1024), {@code sequence}.</li>
 * </ul>
 * When the array is used up, a fresh aggregator starts over from its first tick (amortized over 2^20 ticks).
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -o -q -pl tests/bench -am package -Dmaven.test.skip=true
 * java -cp 'tests/bench/target/actortrading-bench-0.1.0-SNAPSHOT.jar:tests/bench/target/lib/*' \
 *     org.openjdk.jmh.Main CandleAggregatorBenchmark -prof gc
 * </pre>
 * {@code gc.alloc.rate.norm} shows the bytes allocated per tick: at 3000 ticks a minute well under one
 * byte, because only closing bars allocates (the ticks in between allocate nothing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CandleAggregatorBenchmark {

    private static final int TICKS = 1 << 20;

    @Param({"BTC-USD", "NVDA"})
    public String symbol;

    @Param({"3000", "1"})
    public int ticksPerMinute;

    @Param({"none", "tradeId", "sequence"})
    public String identity;

    private Instrument instrument;
    private CandleSettings settings;
    private Tick[] ticks;
    private CandleAggregator candles;
    private int next;
    private long barsClosed;
    private final BarSink sink = bar -> barsClosed++;

    @Setup
    public void generate() {
        instrument = Instrument.infer(symbol);
        settings = CandleSettings.defaults();
        SplittableRandom random = new SplittableRandom(7);
        long spacing = 60_000L / ticksPerMinute;
        long time = LocalDateTime.parse("2026-03-09T09:30:00").atZone(Instrument.NEW_YORK).toInstant().toEpochMilli();
        double price = 100;
        ticks = new Tick[TICKS];
        for (int i = 0; i < TICKS; i++) {
            time += 1 + random.nextLong(2 * spacing);
            price = Math.max(1, price + (random.nextDouble() - 0.5) * 0.02);
            long tickTime = random.nextInt(20) == 0 ? time - random.nextInt(2_000) : time;
            double size = 1 + random.nextInt(300);
            ticks[i] = switch (identity) {
                case "tradeId" -> new Tick(instrument.symbol(), tickTime, price, size, "polygon",
                        Long.toString(52_983_525_029_461L + i), Tick.NO_SEQUENCE, 1 + random.nextInt(20));
                case "sequence" -> new Tick(instrument.symbol(), tickTime, price, size, "polygon", null,
                        1_000_000L + i, 0);
                default -> Tick.of(instrument.symbol(), tickTime, price, size, "synthetic");
            };
        }
        candles = new CandleAggregator(instrument, settings);
        next = 0;
    }

    @Benchmark
    public TickOutcome onTick() {
        if (next == TICKS) {
            next = 0;
            candles = new CandleAggregator(instrument, settings);
        }
        return candles.onTick(ticks[next++], sink);
    }
}
