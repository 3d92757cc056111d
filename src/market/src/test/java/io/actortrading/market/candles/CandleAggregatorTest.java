package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.actortrading.market.candles.CandleFixtures.BTC;
import static io.actortrading.market.candles.CandleFixtures.NVDA;
import static io.actortrading.market.candles.CandleFixtures.REPLAY;
import static io.actortrading.market.candles.CandleFixtures.identifiedTrade;
import static io.actortrading.market.candles.CandleFixtures.ny;
import static io.actortrading.market.candles.CandleFixtures.providerMinute;
import static io.actortrading.market.candles.CandleFixtures.sequencedTrade;
import static io.actortrading.market.candles.CandleFixtures.trade;
import static io.actortrading.market.candles.CandleFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** What the aggregator does with ticks and provider bars: late, duplicate, VWAP, closing, garbage. */
class CandleAggregatorTest {

    private final CandleFixtures.ClosedBars closed = new CandleFixtures.ClosedBars();

    @Test
    void lateTickInsideTheFormingMinuteCountsForHighLowVolumeButSetsOpenAndCloseOnlyByEventTime() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY);
        long minute = utc("2026-02-02T10:00");
        candles.onTick(trade(BTC, minute + 10_000, 100, 1, "a"), closed);
        candles.onTick(trade(BTC, minute + 30_000, 101, 1, "b"), closed);

        assertThat(candles.onTick(trade(BTC, minute + 20_000, 105, 2, "late"), closed))
                .isEqualTo(TickOutcome.APPLIED);
        Bar afterLateHigh = candles.forming(Timeframe.M1).orElseThrow();
        assertThat(afterLateHigh.open()).isEqualTo(100);
        assertThat(afterLateHigh.high()).isEqualTo(105);
        assertThat(afterLateHigh.close()).as("20s is before the latest tick at 30s").isEqualTo(101);
        assertThat(afterLateHigh.source()).isEqualTo("b");

        candles.onTick(trade(BTC, minute + 5_000, 95, 1, "earliest"), closed);
        assertThat(candles.forming(Timeframe.M1).orElseThrow().open()).as("earlier than the earliest").isEqualTo(95);
        candles.onTick(trade(BTC, minute + 5_000, 90, 1, "same-as-earliest"), closed);
        assertThat(candles.forming(Timeframe.M1).orElseThrow().open())
                .as("a tie with the earliest keeps the first open").isEqualTo(95);
        candles.onTick(trade(BTC, minute + 30_000, 102, 1, "same-as-latest"), closed);

        candles.advanceTo(minute + 60_000, closed);
        Bar bar = closed.only(Timeframe.M1);
        assertThat(bar.open()).isEqualTo(95);
        assertThat(bar.high()).isEqualTo(105);
        assertThat(bar.low()).isEqualTo(90);
        assertThat(bar.close()).as("a tie with the latest takes the close").isEqualTo(102);
        assertThat(bar.source()).isEqualTo("same-as-latest");
        assertThat(bar.volume()).isEqualTo(7);
        assertThat(bar.trades()).isEqualTo(6);
        assertThat(candles.counters().applied()).isEqualTo(6);
        assertThat(candles.counters().late()).isZero();
    }

    @Test
    void tickOlderThanTheFormingMinuteIsLateCountedAndDropped() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY);
        long minute = utc("2026-02-02T10:00");
        candles.onTick(trade(BTC, minute + 30_000, 100, 1), closed);
        candles.onTick(trade(BTC, minute + 61_000, 101, 1), closed);
        Bar closedMinute = closed.only(Timeframe.M1);

        assertThat(candles.onTick(trade(BTC, minute + 59_999, 150, 5), closed)).isEqualTo(TickOutcome.LATE);
        assertThat(candles.onTick(trade(BTC, minute - 3_600_000, 150, 5), closed)).isEqualTo(TickOutcome.LATE);

        assertThat(candles.counters().late()).isEqualTo(2);
        assertThat(closed.bars).containsExactly(closedMinute);
        Bar forming = candles.forming(Timeframe.M1).orElseThrow();
        assertThat(forming.high()).isEqualTo(101);
        assertThat(forming.volume()).isEqualTo(1);
        assertThat(candles.forming(Timeframe.M5).orElseThrow().high()).isEqualTo(101);
    }

    @Test
    void tickInAMinuteOfAnAlreadyClosedHigherBucketIsLate() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY);
        candles.onTick(trade(BTC, utc("2026-02-02T10:01:00"), 100, 1), closed);
        candles.advanceTo(utc("2026-02-02T10:05"), closed);
        assertThat(closed.of(Timeframe.M5)).hasSize(1);

        assertThat(candles.onTick(trade(BTC, utc("2026-02-02T10:03:00"), 100, 1), closed))
                .as("its minute never formed, but its 5m bucket is closed").isEqualTo(TickOutcome.LATE);
        assertThat(candles.onTick(trade(BTC, utc("2026-02-02T10:07:00"), 100, 1), closed))
                .isEqualTo(TickOutcome.APPLIED);
    }

    @Test
    void duplicateTradeIdOnTheSameExchangeIsDroppedWhileTheSameIdOnAnotherExchangeIsNot() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long t = ny("2026-02-02T10:00:10");
        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "71675577320245", 4), closed))
                .isEqualTo(TickOutcome.APPLIED);
        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "71675577320245", 4), closed))
                .isEqualTo(TickOutcome.DUPLICATE);
        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "71675577320245", 12), closed))
                .isEqualTo(TickOutcome.APPLIED);
        candles.onTick(identifiedTrade(NVDA, t + 60_000, 101, "71675577320246", 4), closed);

        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "71675577320245", 4), closed))
                .as("re-sent after its minute closed").isEqualTo(TickOutcome.DUPLICATE);
        assertThat(candles.counters().duplicates()).isEqualTo(2);
        assertThat(closed.only(Timeframe.M1).trades()).isEqualTo(2);
    }

    @Test
    void duplicateSequenceNumberIsDropped() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long t = ny("2026-02-02T10:00:10");
        assertThat(candles.onTick(sequencedTrade(NVDA, t, 100, 7), closed)).isEqualTo(TickOutcome.APPLIED);
        assertThat(candles.onTick(sequencedTrade(NVDA, t + 5, 100, 8), closed)).isEqualTo(TickOutcome.APPLIED);
        assertThat(candles.onTick(sequencedTrade(NVDA, t + 9, 999, 7), closed)).isEqualTo(TickOutcome.DUPLICATE);

        Bar bar = candles.forming(Timeframe.M1).orElseThrow();
        assertThat(bar.trades()).isEqualTo(2);
        assertThat(bar.high()).isEqualTo(100);
        assertThat(candles.counters().duplicates()).isEqualTo(1);
    }

    @Test
    void identicalTradesWithoutIdentityAreAllApplied() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long t = ny("2026-02-02T10:00:10");
        for (int i = 0; i < 3; i++) {
            assertThat(candles.onTick(trade(NVDA, t, 100, 10), closed)).isEqualTo(TickOutcome.APPLIED);
        }

        Bar bar = candles.forming(Timeframe.M1).orElseThrow();
        assertThat(bar.trades()).isEqualTo(3);
        assertThat(bar.volume()).isEqualTo(30);
        assertThat(candles.counters().duplicates()).isZero();
    }

    @Test
    void identitiesOlderThanTheWindowAreForgotten() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY.withDuplicateWindow(2));
        long t = ny("2026-02-02T10:00:10");
        candles.onTick(identifiedTrade(NVDA, t, 100, "a", 1), closed);
        candles.onTick(identifiedTrade(NVDA, t, 100, "b", 1), closed);
        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "a", 1), closed)).isEqualTo(TickOutcome.DUPLICATE);
        candles.onTick(identifiedTrade(NVDA, t, 100, "c", 1), closed);

        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "a", 1), closed)).isEqualTo(TickOutcome.APPLIED);
        assertThat(candles.onTick(identifiedTrade(NVDA, t, 100, "c", 1), closed)).isEqualTo(TickOutcome.DUPLICATE);
    }

    @Test
    void vwapWeighsPricesBySizeAndHigherTimeframesWeighMinuteVwapsByVolume() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY);
        long t = utc("2026-02-02T10:00");
        candles.onTick(trade(BTC, t + 1_000, 100, 2), closed);
        candles.onTick(trade(BTC, t + 2_000, 102, 1), closed);
        candles.onTick(trade(BTC, t + 3_000, 101, 1), closed);
        candles.onTick(trade(BTC, t + 61_000, 110, 1), closed);
        candles.advanceTo(t + 300_000, closed);

        List<Bar> minutes = closed.of(Timeframe.M1);
        assertThat(minutes.get(0).vwap()).isCloseTo((200.0 + 102 + 101) / 4, within(1e-12));
        assertThat(minutes.get(0).trades()).isEqualTo(3);
        assertThat(minutes.get(1).vwap()).isEqualTo(110);
        Bar fiveMinutes = closed.only(Timeframe.M5);
        assertThat(fiveMinutes.vwap()).isCloseTo((100.75 * 4 + 110) / 5, within(1e-12));
        assertThat(fiveMinutes.trades()).isEqualTo(4);
        assertThat(fiveMinutes.volume()).isEqualTo(5);
        assertThat(fiveMinutes.open()).isEqualTo(100);
        assertThat(fiveMinutes.close()).isEqualTo(110);
    }

    @Test
    void zeroVolumeBarTakesItsCloseAsVwap() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY);
        long t = utc("2026-02-02T10:00");
        candles.onTick(trade(BTC, t + 1_000, 100, 0), closed);
        candles.onTick(trade(BTC, t + 2_000, 104, 0), closed);
        candles.onBar(providerMinute(BTC, t + 60_000, 104, 106, 103, 105, 0, 999, 0), closed);
        candles.advanceTo(t + 300_000, closed);

        assertThat(closed.of(Timeframe.M1)).extracting(Bar::vwap).containsExactly(104.0, 105.0);
        assertThat(closed.only(Timeframe.M5).vwap()).isEqualTo(105);
    }

    @Test
    void providerMinuteBarsAreClosedAtOnceAndFoldedIntoHigherTimeframes() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long open = ny("2026-02-02T09:30");
        for (int i = 0; i < 4; i++) {
            double base = 100 + i;
            assertThat(candles.onBar(providerMinute(NVDA, open + i * 60_000L, base, base + 2, base - 1, base + 1,
                    100, base + 0.5, 10), closed)).isEqualTo(TickOutcome.APPLIED);
        }
        assertThat(closed.timeframes()).containsOnly(Timeframe.M1).hasSize(4);
        Bar formingFive = candles.forming(Timeframe.M5).orElseThrow();
        assertThat(formingFive.volume()).isEqualTo(400);

        candles.onBar(providerMinute(NVDA, open + 4 * 60_000L, 104, 110, 90, 105, 100, 104.5, 10), closed);

        assertThat(closed.timeframes()).endsWith(Timeframe.M1, Timeframe.M5);
        Bar five = closed.only(Timeframe.M5);
        assertThat(five.start()).isEqualTo(open);
        assertThat(five.end()).isEqualTo(ny("2026-02-02T09:35"));
        assertThat(five.open()).isEqualTo(100);
        assertThat(five.high()).isEqualTo(110);
        assertThat(five.low()).isEqualTo(90);
        assertThat(five.close()).isEqualTo(105);
        assertThat(five.volume()).isEqualTo(500);
        assertThat(five.vwap()).isCloseTo(102.5, within(1e-9));
        assertThat(five.trades()).isEqualTo(50);
        assertThat(five.source()).isEqualTo("provider");
        assertThat(candles.forming(Timeframe.H1).orElseThrow().volume()).isEqualTo(500);
        assertThat(candles.lastClosedStart(Timeframe.M1)).isEqualTo(ny("2026-02-02T09:34"));
    }

    @Test
    void providerBarForAClosedMinuteIsLateAndOneOutsideTheSessionIsDropped() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long t = ny("2026-02-02T10:00");
        candles.onBar(providerMinute(NVDA, t, 100, 101, 99, 100, 10, 100, 1), closed);
        candles.onTick(trade(NVDA, t + 120_000 + 5_000, 100, 1), closed);

        assertThat(candles.onBar(providerMinute(NVDA, t, 100, 101, 99, 100, 10, 100, 1), closed))
                .isEqualTo(TickOutcome.LATE);
        assertThat(candles.onBar(providerMinute(NVDA, t + 60_000, 100, 101, 99, 100, 10, 100, 1), closed))
                .as("a later minute is forming").isEqualTo(TickOutcome.LATE);
        assertThat(candles.onBar(providerMinute(NVDA, ny("2026-02-02T08:00"), 100, 101, 99, 100, 10, 100, 1), closed))
                .isEqualTo(TickOutcome.OUTSIDE_SESSION);
        assertThat(candles.counters().late()).isEqualTo(2);
        assertThat(candles.counters().outsideSession()).isEqualTo(1);
        assertThat(closed.of(Timeframe.M1)).hasSize(1);
    }

    @Test
    void providerBarSupersedesTicksOfTheSameMinuteAndClosesAnEarlierOne() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long t = ny("2026-02-02T10:00");
        candles.onTick(trade(NVDA, t + 10_000, 500, 1), closed);
        candles.onBar(providerMinute(NVDA, t, 100, 101, 99, 100, 10, 100, 3), closed);
        candles.onTick(trade(NVDA, t + 70_000, 102, 1), closed);
        candles.onBar(providerMinute(NVDA, t + 120_000, 103, 104, 102, 103, 10, 103, 3), closed);

        assertThat(closed.of(Timeframe.M1)).extracting(Bar::start, Bar::high, Bar::source).containsExactly(
                tuple(t, 101.0, "provider"),
                tuple(t + 60_000, 102.0, "test"),
                tuple(t + 120_000, 104.0, "provider"));
        assertThat(candles.forming(Timeframe.M5).orElseThrow().high()).isEqualTo(104);
        assertThat(candles.onTick(trade(NVDA, t + 150_000, 100, 1), closed))
                .as("the provider's minute is closed").isEqualTo(TickOutcome.LATE);
    }

    @Test
    void quietSymbolClosesItsMinuteAndHigherBucketsByTheClockAfterTheGrace() {
        CandleAggregator candles = new CandleAggregator(NVDA, CandleSettings.defaults().withGraceMillis(2_000));
        candles.onTick(trade(NVDA, ny("2026-02-02T10:07:15"), 100, 1), closed);

        candles.advanceTo(ny("2026-02-02T10:08:01.999"), closed);
        assertThat(closed.bars).isEmpty();
        candles.advanceTo(ny("2026-02-02T10:08:02"), closed);
        assertThat(closed.timeframes()).containsExactly(Timeframe.M1);
        candles.advanceTo(ny("2026-02-02T10:10:02"), closed);
        assertThat(closed.timeframes()).containsExactly(Timeframe.M1, Timeframe.M5);
        candles.advanceTo(ny("2026-02-02T10:15:01.999"), closed);
        assertThat(closed.timeframes()).hasSize(2);
        candles.advanceTo(ny("2026-02-02T16:00:02"), closed);

        assertThat(closed.timeframes()).containsExactly(
                Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);
        assertThat(closed.only(Timeframe.H1).start()).isEqualTo(ny("2026-02-02T10:00"));
        assertThat(closed.only(Timeframe.D1).close()).isEqualTo(100);
        assertThat(candles.counters().barsClosed()).isEqualTo(5);
        for (Timeframe tf : Timeframe.values()) {
            assertThat(candles.forming(tf)).as("%s", tf).isEmpty();
        }
    }

    @Test
    void emptyMinutesAndHigherBucketsWithoutMinutesProduceNoBars() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        candles.onTick(trade(NVDA, ny("2026-02-02T10:01:10"), 100, 1), closed);
        candles.onTick(trade(NVDA, ny("2026-02-02T10:31:10"), 101, 1), closed);
        candles.advanceTo(ny("2026-02-02T11:00"), closed);

        assertThat(closed.of(Timeframe.M1)).extracting(Bar::start)
                .containsExactly(ny("2026-02-02T10:01"), ny("2026-02-02T10:31"));
        assertThat(closed.of(Timeframe.M5)).extracting(Bar::start)
                .containsExactly(ny("2026-02-02T10:00"), ny("2026-02-02T10:30"));
        assertThat(closed.of(Timeframe.M15)).extracting(Bar::start)
                .containsExactly(ny("2026-02-02T10:00"), ny("2026-02-02T10:30"));
        assertThat(closed.of(Timeframe.H1)).hasSize(1);
    }

    @Test
    void closesOfOneEventArriveShortestTimeframeFirstAndEarlierBucketsBeforeLaterOnes() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        candles.onTick(trade(NVDA, ny("2026-02-02T10:31:10"), 100, 1), closed);
        candles.onTick(trade(NVDA, ny("2026-02-02T10:47:10"), 100, 1), closed);

        assertThat(closed.bars).extracting(Bar::timeframe, Bar::start).containsExactly(
                tuple(Timeframe.M1, ny("2026-02-02T10:31")),
                tuple(Timeframe.M5, ny("2026-02-02T10:30")),
                tuple(Timeframe.M15, ny("2026-02-02T10:30")));
    }

    @Test
    void unusableInputIsRejectedAndCountedWithoutThrowing() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        long t = ny("2026-02-02T10:00:10");
        List<Tick> garbage = List.of(
                trade(NVDA, t, Double.NaN, 1), trade(NVDA, t, 100, Double.NaN),
                trade(NVDA, t, Double.POSITIVE_INFINITY, 1), trade(NVDA, t, 100, Double.NEGATIVE_INFINITY),
                trade(NVDA, t, -1, 1), trade(NVDA, t, 0, 1), trade(NVDA, t, 100, -1),
                trade(NVDA, Long.MIN_VALUE, 100, 1), trade(NVDA, Long.MAX_VALUE, 100, 1), trade(NVDA, -1, 100, 1));
        for (Tick tick : garbage) {
            assertThat(candles.onTick(tick, closed)).as("%s", tick).isEqualTo(TickOutcome.REJECTED);
        }
        assertThat(candles.onTick(null, closed)).isEqualTo(TickOutcome.REJECTED);
        assertThat(candles.onBar(null, closed)).isEqualTo(TickOutcome.REJECTED);
        assertThat(candles.onBar(providerMinute(NVDA, t, 100, 99, 101, 100, 1, 100, 1), closed))
                .as("high below low").isEqualTo(TickOutcome.REJECTED);
        assertThat(candles.onBar(providerMinute(NVDA, t, 100, 101, 99, 100, 1, Double.NaN, 1), closed))
                .isEqualTo(TickOutcome.REJECTED);
        Bar fiveMinutes = new Bar("NVDA", Timeframe.M5, t, t + 300_000, 100, 101, 99, 100, 1, 100, 1, "p");
        assertThat(candles.onBar(fiveMinutes, closed)).as("only 1m bars are folded").isEqualTo(TickOutcome.REJECTED);

        assertThat(candles.counters().rejected()).isEqualTo(garbage.size() + 5);
        assertThat(candles.forming(Timeframe.M1)).isEmpty();
        assertThat(candles.onTick(new Tick(null, t, 100, 1, null, null, Tick.NO_SEQUENCE, 0), closed))
                .as("missing symbol and source are not needed").isEqualTo(TickOutcome.APPLIED);
    }

    @Test
    void settingsAlwaysIncludeTheMinuteAndOrderTimeframesByLength() {
        CandleSettings settings = CandleSettings.defaults().withTimeframes(List.of(Timeframe.D1, Timeframe.H1));
        CandleAggregator candles = new CandleAggregator(BTC, settings);

        assertThat(candles.timeframes()).containsExactly(Timeframe.M1, Timeframe.H1, Timeframe.D1);
        assertThat(candles.forming(Timeframe.M5)).isEmpty();
        assertThat(candles.lastClosedStart(Timeframe.M5)).isEqualTo(Long.MIN_VALUE);
        assertThat(CandleSettings.defaults().timeframes()).containsExactly(Timeframe.values());
        assertThat(CandleSettings.defaults().duplicateWindow()).isEqualTo(1024);
        assertThatThrownBy(() -> CandleSettings.defaults().withGraceMillis(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandleSettings.defaults().withDuplicateWindow(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyConfiguredTimeframesAreClosed() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY.withTimeframes(List.of(Timeframe.H1)));
        candles.onTick(trade(BTC, utc("2026-02-02T10:00:10"), 100, 1), closed);
        candles.advanceTo(utc("2026-02-03T00:00"), closed);

        assertThat(closed.timeframes()).containsExactly(Timeframe.M1, Timeframe.H1);
    }
}
