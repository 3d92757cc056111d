package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.actortrading.market.candles.CandleFixtures.BTC;
import static io.actortrading.market.candles.CandleFixtures.LONDON_24H;
import static io.actortrading.market.candles.CandleFixtures.NVDA;
import static io.actortrading.market.candles.CandleFixtures.ny;
import static io.actortrading.market.candles.CandleFixtures.state;
import static io.actortrading.market.candles.CandleFixtures.trade;
import static io.actortrading.market.candles.CandleFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recovery guarantees: a checkpoint taken anywhere continues bit for bit like the original, and
 * replaying persisted closes rebuilds the higher timeframes' forming bars exactly.
 */
class CandleCheckpointTest {

    private static final int STEPS = 20_000;

    static Stream<Instrument> instruments() {
        return Stream.of(NVDA, BTC, LONDON_24H);
    }

    private static long scriptStart(Instrument instrument) {
        return instrument == NVDA ? ny("2026-03-06T08:00") : utc("2026-03-28T20:00");
    }

    @ParameterizedTest
    @MethodSource("instruments")
    void checkpointAnywhereThenContinueGivesTheSameBarsAndTheSameStateBytes(Instrument instrument) throws IOException {
        List<MarketScript.Step> script = MarketScript.generate(instrument, scriptStart(instrument), STEPS, 42);
        int[] splits = {0, 1, 137, 2_500, 5_001, 9_999, 14_000, 19_999, STEPS};
        CandleAggregator original = new CandleAggregator(instrument, CandleSettings.defaults());
        CandleFixtures.ClosedBars originalBars = new CandleFixtures.ClosedBars();
        List<byte[]> originalStates = new ArrayList<>();
        int next = 0;
        for (int i = 0; i <= STEPS; i++) {
            if (next < splits.length && splits[next] == i) {
                originalStates.add(state(original));
                next++;
            }
            if (i < STEPS) {
                script.get(i).applyTo(original, originalBars);
            }
        }
        assertThat(originalBars.bars).as("the script closes bars of every timeframe")
                .extracting(Bar::timeframe).contains(Timeframe.values());
        CandleCounters counters = original.counters();
        assertThat(counters.late()).isPositive();
        assertThat(counters.duplicates()).isPositive();
        if (instrument == NVDA) {
            assertThat(counters.outsideSession()).isPositive();
        }

        for (int s = 0; s < splits.length; s++) {
            int split = splits[s];
            CandleAggregator before = new CandleAggregator(instrument, CandleSettings.defaults());
            CandleFixtures.ClosedBars bars = new CandleFixtures.ClosedBars();
            script.subList(0, split).forEach(step -> step.applyTo(before, bars));
            byte[] checkpoint = state(before);
            assertSameBytes(checkpoint, originalStates.get(s), "state after " + split + " steps");

            CandleAggregator restored = new CandleAggregator(instrument, CandleSettings.defaults());
            restored.readState(new DataInputStream(new ByteArrayInputStream(checkpoint)));
            assertSameBytes(state(restored), checkpoint, "round trip at " + split);
            assertThat(restored.counters()).isEqualTo(before.counters());
            for (Timeframe tf : Timeframe.values()) {
                assertThat(restored.forming(tf)).isEqualTo(before.forming(tf));
                assertThat(restored.lastClosedStart(tf)).isEqualTo(before.lastClosedStart(tf));
            }
            script.subList(split, STEPS).forEach(step -> step.applyTo(restored, bars));

            assertThat(bars.bars).as("bars when checkpointed at %d", split).isEqualTo(originalBars.bars);
            assertSameBytes(state(restored), originalStates.get(originalStates.size() - 1),
                    "final state when checkpointed at " + split);
        }
    }

    @ParameterizedTest
    @MethodSource("instruments")
    void replayingEveryClosedBarIntoAFreshAggregatorRebuildsTheHigherFormingBarsAtMinuteBoundaries(
            Instrument instrument) {
        List<MarketScript.Step> script = MarketScript.generate(instrument, scriptStart(instrument), STEPS, 7);
        CandleAggregator original = new CandleAggregator(instrument, CandleSettings.defaults());
        CandleFixtures.ClosedBars bars = new CandleFixtures.ClosedBars();
        CandleAggregator replayed = new CandleAggregator(instrument, CandleSettings.defaults());
        int replayedUpTo = 0;
        int boundaries = 0;
        int withHigherForming = 0;
        for (MarketScript.Step step : script) {
            step.applyTo(original, bars);
            if (original.forming(Timeframe.M1).isPresent()) {
                continue;
            }
            boundaries++;
            bars.bars.subList(replayedUpTo, bars.bars.size()).forEach(replayed::restoreClosed);
            replayedUpTo = bars.bars.size();
            assertSameCandles(replayed, original);
            if (original.forming(Timeframe.D1).isPresent()) {
                withHigherForming++;
            }
        }
        assertThat(boundaries).isGreaterThan(50);
        assertThat(withHigherForming).isGreaterThan(20);

        CandleAggregator once = new CandleAggregator(instrument, CandleSettings.defaults());
        bars.bars.forEach(once::restoreClosed);
        CandleAggregator twice = new CandleAggregator(instrument, CandleSettings.defaults());
        bars.bars.forEach(twice::restoreClosed);
        bars.bars.forEach(twice::restoreClosed);
        assertSameCandles(twice, once);
        assertSameBytes(state(twice), state(once), "restoring what is already reflected is a no-op");
    }

    @ParameterizedTest
    @MethodSource("instruments")
    void checkpointPlusTheClosesPersistedAfterItRecoversTheCandles(Instrument instrument) throws IOException {
        List<MarketScript.Step> script = MarketScript.generate(instrument, scriptStart(instrument), STEPS, 99);
        CandleAggregator original = new CandleAggregator(instrument, CandleSettings.defaults());
        CandleFixtures.ClosedBars bars = new CandleFixtures.ClosedBars();
        script.subList(0, 6_000).forEach(step -> step.applyTo(original, bars));
        byte[] snapshot = state(original);
        int closedAtSnapshot = bars.bars.size();
        int compared = 0;
        for (MarketScript.Step step : script.subList(6_000, STEPS)) {
            step.applyTo(original, bars);
            if (original.forming(Timeframe.M1).isPresent() || compared > 40) {
                continue;
            }
            CandleAggregator recovered = new CandleAggregator(instrument, CandleSettings.defaults());
            recovered.readState(new DataInputStream(new ByteArrayInputStream(snapshot)));
            bars.bars.subList(closedAtSnapshot, bars.bars.size()).forEach(recovered::restoreClosed);
            assertSameCandles(recovered, original);
            compared++;
        }
        assertThat(compared).isGreaterThan(10);
    }

    @Test
    void checkpointOfDifferentTimeframesIsRefusedAndLeavesTheStateAlone() {
        CandleAggregator all = new CandleAggregator(BTC, CandleSettings.defaults());
        all.onTick(trade(BTC, utc("2026-02-02T10:00:10"), 100, 1), bar -> { });
        CandleAggregator hourly = new CandleAggregator(BTC,
                CandleSettings.defaults().withTimeframes(List.of(Timeframe.H1)));
        hourly.onTick(trade(BTC, utc("2026-02-02T11:00:10"), 50, 1), bar -> { });
        byte[] before = state(hourly);

        assertThatThrownBy(() -> hourly.readState(new DataInputStream(new ByteArrayInputStream(state(all)))))
                .isInstanceOf(IOException.class);
        byte[] truncated = Arrays.copyOf(state(all), 40);
        CandleAggregator other = new CandleAggregator(BTC, CandleSettings.defaults());
        byte[] otherBefore = state(other);
        assertThatThrownBy(() -> other.readState(new DataInputStream(new ByteArrayInputStream(truncated))))
                .isInstanceOf(IOException.class);

        assertSameBytes(state(hourly), before, "hourly after a refused checkpoint");
        assertSameBytes(state(other), otherBefore, "after a truncated checkpoint");
    }

    @Test
    void checkpointKeepsTheFormingMinutesEarliestAndLatestTradeTimes() throws IOException {
        long minute = utc("2026-02-02T10:00");
        CandleAggregator original = new CandleAggregator(BTC, CandleSettings.defaults());
        original.onTick(trade(BTC, minute + 10_000, 100, 1), bar -> { });
        original.onTick(trade(BTC, minute + 50_000, 101, 1), bar -> { });
        CandleAggregator restored = new CandleAggregator(BTC, CandleSettings.defaults());
        restored.readState(new DataInputStream(new ByteArrayInputStream(state(original))));

        for (CandleAggregator candles : List.of(original, restored)) {
            candles.onTick(trade(BTC, minute + 30_000, 99, 1), bar -> { });
            candles.onTick(trade(BTC, minute + 5_000, 98, 1), bar -> { });
        }

        Bar expected = original.forming(Timeframe.M1).orElseThrow();
        assertThat(expected.close()).isEqualTo(101);
        assertThat(expected.open()).isEqualTo(98);
        assertThat(restored.forming(Timeframe.M1)).contains(expected);
    }

    /** Compares state bytes, reporting where they first differ rather than dumping kilobytes. */
    private static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        assertThat(Arrays.mismatch(actual, expected))
                .as("%s: first differing byte (of %d and %d)", what, actual.length, expected.length)
                .isEqualTo(-1);
    }

    private static void assertSameCandles(CandleAggregator actual, CandleAggregator expected) {
        for (Timeframe tf : Timeframe.values()) {
            assertThat(actual.lastClosedStart(tf)).as("last closed %s", tf).isEqualTo(expected.lastClosedStart(tf));
            if (tf != Timeframe.M1) {
                assertThat(actual.forming(tf)).as("forming %s", tf).isEqualTo(expected.forming(tf));
            }
        }
    }
}
