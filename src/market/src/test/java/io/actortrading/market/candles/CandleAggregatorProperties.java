package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.actortrading.market.candles.CandleFixtures.BTC;
import static io.actortrading.market.candles.CandleFixtures.LONDON_24H;
import static io.actortrading.market.candles.CandleFixtures.NEW_YORK_24H;
import static io.actortrading.market.candles.CandleFixtures.NVDA;
import static io.actortrading.market.candles.CandleFixtures.ny;
import static io.actortrading.market.candles.CandleFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives, the aggregator answers with an outcome and closes only well-formed bars. */
class CandleAggregatorProperties {

    /** Monday 2026-03-09 09:00 New York, an hour before a regular session and a day after a DST switch. */
    private static final long BASE = ny("2026-03-09T09:00");

    /**
     * A time either relative to the stream's current time (moving on, jittering, arriving late), which
     * it then becomes, or absolute garbage, which leaves the stream where it was.
     */
    record Time(boolean relative, long value) {
        long resolve(long current) {
            return relative ? current + value : value;
        }

        long next(long current) {
            return relative ? current + value : current;
        }
    }

    sealed interface Input permits TradeInput, BarInput, ClockInput {
    }

    record TradeInput(Time time, double price, double size, String tradeId, long sequence, int exchange,
                      String source, String symbol) implements Input {
    }

    record BarInput(Time time, Timeframe timeframe, double open, double high, double low, double close,
                    double volume, double vwap, long trades) implements Input {
    }

    record ClockInput(Time time) implements Input {
    }

    @Provide
    Arbitrary<Instrument> instruments() {
        return Arbitraries.of(NVDA, BTC, LONDON_24H, NEW_YORK_24H);
    }

    private static Arbitrary<Time> times() {
        Arbitrary<Time> forward = Arbitraries.longs().between(-90_000, 400_000).map(v -> new Time(true, v));
        Arbitrary<Time> jump = Arbitraries.longs().between(-2 * 86_400_000L, 2 * 86_400_000L).map(v -> new Time(true, v));
        Arbitrary<Time> absurd = Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L,
                        SessionBuckets.LATEST, SessionBuckets.LATEST + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE)
                .map(v -> new Time(false, v));
        Arbitrary<Time> anyLong = Arbitraries.longs().map(v -> new Time(false, v));
        return Arbitraries.frequencyOf(Tuple.of(90, forward), Tuple.of(3, jump), Tuple.of(4, absurd),
                Tuple.of(3, anyLong));
    }

    private static Arbitrary<Double> doubles() {
        Arbitrary<Double> special = Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -1.0, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e300);
        Arbitrary<Double> plausible = Arbitraries.doubles().between(1, 1_000);
        return Arbitraries.frequencyOf(Tuple.of(1, special), Tuple.of(9, plausible));
    }

    @Provide
    Arbitrary<List<Input>> garbage() {
        Arbitrary<String> tradeIds = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(null)),
                Tuple.of(2, Arbitraries.of("1", "2", "3", "")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
        Arbitrary<Long> sequences = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Tick.NO_SEQUENCE)),
                Tuple.of(2, Arbitraries.longs().between(0, 20)), Tuple.of(1, Arbitraries.longs()));
        Arbitrary<String> sources = Arbitraries.of(null, "polygon", "yahoo", "");
        Arbitrary<Input> trades = Combinators.combine(times(), doubles(), doubles(), tradeIds, sequences,
                        Arbitraries.integers(), sources, Arbitraries.of(null, "NVDA", "OTHER"))
                .as(TradeInput::new);
        Arbitrary<Input> bars = Combinators.combine(times(), Arbitraries.of(Timeframe.class).injectNull(0.1),
                        doubles(), doubles(), doubles(), doubles(), doubles(), doubles())
                .as((time, tf, o, h, l, c, v, w) -> (Input) new BarInput(time, tf, o, h, l, c, v, w, 1));
        Arbitrary<Input> clocks = times().map(ClockInput::new);
        return Arbitraries.frequencyOf(Tuple.of(20, trades), Tuple.of(2, bars), Tuple.of(1, clocks))
                .list().ofMinSize(50).ofMaxSize(600);
    }

    @Property(tries = 400)
    void garbageNeverThrowsAndEveryClosedBarIsWellFormed(@ForAll("instruments") Instrument instrument,
                                                         @ForAll("garbage") List<Input> inputs) {
        CandleAggregator candles = new CandleAggregator(instrument, CandleSettings.defaults().withDuplicateWindow(8));
        Map<Timeframe, Bar> previous = new EnumMap<>(Timeframe.class);
        BarSink check = bar -> {
            assertWellFormed(bar, instrument);
            Bar before = previous.put(bar.timeframe(), bar);
            if (before != null) {
                assertThat(bar.start()).as("%s does not overlap %s", bar, before).isGreaterThanOrEqualTo(before.end());
            }
        };
        long time = BASE;
        long outcomes = 0;
        for (Input input : inputs) {
            if (input instanceof TradeInput t) {
                Tick tick = new Tick(t.symbol(), t.time().resolve(time), t.price(), t.size(), t.source(), t.tradeId(), t.sequence(),
                        t.exchange());
                Statistics.label("outcome").collect(candles.onTick(tick, check));
                time = t.time().next(time);
                outcomes++;
            } else if (input instanceof BarInput b) {
                long start = b.time().resolve(time);
                Bar bar = new Bar("NVDA", b.timeframe(), start, start + 60_000, b.open(), b.high(), b.low(), b.close(),
                        b.volume(), b.vwap(), b.trades(), "provider");
                Statistics.label("outcome").collect(candles.onBar(bar, check));
                time = b.time().next(time);
                outcomes++;
            } else if (input instanceof ClockInput c) {
                candles.advanceTo(c.time().resolve(time), check);
                time = c.time().next(time);
            }
        }
        candles.advanceTo(Long.MAX_VALUE, check);

        Statistics.label("closes bars").collect(candles.counters().barsClosed() > 0);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check(TickOutcome.APPLIED).percentage(p -> p > 5.0);
            coverage.check(TickOutcome.LATE).percentage(p -> p > 1.0);
            coverage.check(TickOutcome.OUTSIDE_SESSION).percentage(p -> p > 1.0);
            coverage.check(TickOutcome.REJECTED).percentage(p -> p > 1.0);
            coverage.check(TickOutcome.DUPLICATE).percentage(p -> p > 0.2);
        });
        Statistics.label("closes bars").coverage(coverage -> coverage.check(true).percentage(p -> p > 60.0));
        CandleCounters counters = candles.counters();
        assertThat(counters.applied() + counters.late() + counters.duplicates() + counters.outsideSession()
                + counters.rejected()).isEqualTo(outcomes);
        for (Timeframe tf : Timeframe.values()) {
            assertThat(candles.forming(tf)).as("everything is closed at the end of time").isEmpty();
        }
    }

    @Property(tries = 40)
    void checkpointAtAnyPointIsInvisibleToWhatFollows(@ForAll("instruments") Instrument instrument,
                                                      @ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 3_000) int split)
            throws IOException {
        List<MarketScript.Step> script = MarketScript.generate(instrument, BASE, 3_000, seed);
        CandleAggregator uninterrupted = new CandleAggregator(instrument, CandleSettings.defaults());
        CandleFixtures.ClosedBars expected = new CandleFixtures.ClosedBars();
        script.forEach(step -> step.applyTo(uninterrupted, expected));

        CandleAggregator first = new CandleAggregator(instrument, CandleSettings.defaults());
        CandleFixtures.ClosedBars actual = new CandleFixtures.ClosedBars();
        script.subList(0, split).forEach(step -> step.applyTo(first, actual));
        CandleAggregator second = new CandleAggregator(instrument, CandleSettings.defaults());
        second.readState(new DataInputStream(new ByteArrayInputStream(state(first))));
        script.subList(split, script.size()).forEach(step -> step.applyTo(second, actual));

        assertThat(actual.bars).isEqualTo(expected.bars);
        assertThat(Arrays.mismatch(state(second), state(uninterrupted))).as("first differing state byte").isEqualTo(-1);
    }

    private static void assertWellFormed(Bar bar, Instrument instrument) {
        assertThat(bar.timeframe()).isNotNull();
        assertThat(bar.symbol()).isEqualTo(instrument.symbol());
        assertThat(bar.start()).as("%s", bar).isLessThan(bar.end());
        assertThat(bar.low()).as("%s", bar).isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
        assertThat(bar.high()).as("%s", bar).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
        assertThat(bar.vwap()).as("%s", bar).isBetween(bar.low(), bar.high());
        assertThat(bar.volume()).as("%s", bar).isGreaterThanOrEqualTo(0.0);
        assertThat(bar.trades()).as("%s", bar).isGreaterThanOrEqualTo(0);
        if (bar.timeframe() == Timeframe.M1) {
            assertThat(bar.end() - bar.start()).as("%s", bar).isLessThanOrEqualTo(60_000L);
        }
    }
}
