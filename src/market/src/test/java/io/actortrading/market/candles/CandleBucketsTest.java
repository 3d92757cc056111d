package io.actortrading.market.candles;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.instrument.TradingSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static io.actortrading.market.candles.CandleFixtures.BTC;
import static io.actortrading.market.candles.CandleFixtures.LONDON;
import static io.actortrading.market.candles.CandleFixtures.LONDON_24H;
import static io.actortrading.market.candles.CandleFixtures.NEW_YORK;
import static io.actortrading.market.candles.CandleFixtures.NEW_YORK_24H;
import static io.actortrading.market.candles.CandleFixtures.NVDA;
import static io.actortrading.market.candles.CandleFixtures.REPLAY;
import static io.actortrading.market.candles.CandleFixtures.ny;
import static io.actortrading.market.candles.CandleFixtures.trade;
import static io.actortrading.market.candles.CandleFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

/** Where bars begin and end: clock buckets in the exchange's zone, cut to the session, right on DST days. */
class CandleBucketsTest {

    private final CandleFixtures.ClosedBars closed = new CandleFixtures.ClosedBars();

    @Test
    void cryptoBucketsAreUtcClockBucketsAndTheUtcDayClosesAtMidnight() {
        CandleAggregator candles = new CandleAggregator(BTC, REPLAY);
        candles.onTick(trade(BTC, utc("2026-01-01T23:58:30"), 100, 1), closed);
        candles.onTick(trade(BTC, utc("2026-01-01T23:59:10"), 101, 1), closed);
        closed.clear();

        candles.onTick(trade(BTC, utc("2026-01-02T00:00:05"), 102, 1), closed);

        assertThat(closed.timeframes()).containsExactly(
                Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);
        assertSpan(closed.only(Timeframe.M1), "2026-01-01T23:59:00Z", "2026-01-02T00:00:00Z");
        assertSpan(closed.only(Timeframe.M5), "2026-01-01T23:55:00Z", "2026-01-02T00:00:00Z");
        assertSpan(closed.only(Timeframe.M15), "2026-01-01T23:45:00Z", "2026-01-02T00:00:00Z");
        assertSpan(closed.only(Timeframe.H1), "2026-01-01T23:00:00Z", "2026-01-02T00:00:00Z");
        assertSpan(closed.only(Timeframe.D1), "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
        assertThat(closed.only(Timeframe.D1).open()).isEqualTo(100);
        assertThat(closed.only(Timeframe.D1).close()).isEqualTo(101);
        assertThat(candles.forming(Timeframe.D1).orElseThrow().start()).isEqualTo(utc("2026-01-02T00:00"));
    }

    @Test
    void anAroundTheClockInstrumentInNewYorkClosesItsDayAtLocalMidnightNotUtcMidnight() {
        CandleAggregator candles = new CandleAggregator(NEW_YORK_24H, REPLAY);
        candles.onTick(trade(NEW_YORK_24H, ny("2026-01-05T18:59:30"), 100, 1), closed);
        candles.onTick(trade(NEW_YORK_24H, ny("2026-01-05T19:00:30"), 100, 1), closed);
        assertThat(closed.of(Timeframe.D1)).as("UTC midnight passed, local midnight did not").isEmpty();
        candles.onTick(trade(NEW_YORK_24H, ny("2026-01-05T23:59:30"), 101, 1), closed);

        candles.onTick(trade(NEW_YORK_24H, ny("2026-01-06T00:00:10"), 102, 1), closed);

        Bar day = closed.only(Timeframe.D1);
        assertSpan(day, "2026-01-05T05:00:00Z", "2026-01-06T05:00:00Z");
        assertThat(day.close()).isEqualTo(101);
        List<Bar> hours = closed.of(Timeframe.H1);
        assertSpan(hours.get(hours.size() - 1), "2026-01-06T04:00:00Z", "2026-01-06T05:00:00Z");
    }

    @Test
    void usEquityFirstBarsOfTheDayStartAt0930AndEarlierTicksAreOutsideTheSession() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);

        assertThat(candles.onTick(trade(NVDA, ny("2026-03-10T09:29:59.999"), 100, 1), closed))
                .isEqualTo(TickOutcome.OUTSIDE_SESSION);
        assertThat(candles.onTick(trade(NVDA, ny("2026-03-10T09:30:00"), 101, 1), closed))
                .isEqualTo(TickOutcome.APPLIED);

        assertThat(candles.forming(Timeframe.M1).orElseThrow().start()).isEqualTo(ny("2026-03-10T09:30"));
        assertThat(candles.forming(Timeframe.M5).orElseThrow().end()).isEqualTo(ny("2026-03-10T09:35"));
        assertFormingSpan(candles, Timeframe.M15, ny("2026-03-10T09:30"), ny("2026-03-10T09:45"));
        assertFormingSpan(candles, Timeframe.H1, ny("2026-03-10T09:30"), ny("2026-03-10T10:00"));
        assertFormingSpan(candles, Timeframe.D1, ny("2026-03-10T09:30"), ny("2026-03-10T16:00"));
        assertThat(candles.forming(Timeframe.D1).orElseThrow().open()).isEqualTo(101);
        assertThat(candles.counters().outsideSession()).isEqualTo(1);
    }

    @Test
    void usEquityLastMinuteIs1559AndA1600TickIsOutsideTheSession() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        candles.onTick(trade(NVDA, ny("2026-03-10T09:30:00"), 100, 1), closed);
        candles.onTick(trade(NVDA, ny("2026-03-10T15:59:59.999"), 105, 1), closed);

        assertThat(candles.onTick(trade(NVDA, ny("2026-03-10T16:00:00"), 200, 1), closed))
                .isEqualTo(TickOutcome.OUTSIDE_SESSION);
        assertThat(closed.of(Timeframe.M1)).as("closed at 09:31 only").hasSize(1);

        candles.advanceTo(ny("2026-03-10T16:00"), closed);

        Bar last = closed.of(Timeframe.M1).get(1);
        assertThat(last.start()).isEqualTo(ny("2026-03-10T15:59"));
        assertThat(last.end()).isEqualTo(ny("2026-03-10T16:00"));
        assertThat(closed.of(Timeframe.H1).get(1).start()).isEqualTo(ny("2026-03-10T15:00"));
        Bar day = closed.only(Timeframe.D1);
        assertThat(day.start()).isEqualTo(ny("2026-03-10T09:30"));
        assertThat(day.end()).isEqualTo(ny("2026-03-10T16:00"));
        assertThat(day.high()).as("the 16:00 print is not part of the day").isEqualTo(105);
        assertThat(candles.onTick(trade(NVDA, ny("2026-03-14T11:00"), 100, 1), closed))
                .as("Saturday").isEqualTo(TickOutcome.OUTSIDE_SESSION);
    }

    @Test
    void usEquitySessionFollowsNewYorkAcrossTheMarch2026SpringForward() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        candles.onTick(trade(NVDA, ny("2026-03-06T10:00"), 100, 1), closed);
        assertThat(candles.onTick(trade(NVDA, ny("2026-03-08T10:00"), 100, 1), closed))
                .as("the switch day is a Sunday").isEqualTo(TickOutcome.OUTSIDE_SESSION);
        candles.onTick(trade(NVDA, ny("2026-03-09T09:30"), 100, 1), closed);
        candles.advanceTo(ny("2026-03-09T16:00"), closed);

        List<Bar> days = closed.of(Timeframe.D1);
        assertThat(days).hasSize(2);
        assertSpan(days.get(0), "2026-03-06T14:30:00Z", "2026-03-06T21:00:00Z");
        assertSpan(days.get(1), "2026-03-09T13:30:00Z", "2026-03-09T20:00:00Z");
    }

    @Test
    void usEquitySessionFollowsNewYorkAcrossTheNovember2026FallBack() {
        CandleAggregator candles = new CandleAggregator(NVDA, REPLAY);
        candles.onTick(trade(NVDA, ny("2026-10-30T15:59"), 100, 1), closed);
        assertThat(candles.onTick(trade(NVDA, ny("2026-11-01T12:00"), 100, 1), closed))
                .as("the switch day is a Sunday").isEqualTo(TickOutcome.OUTSIDE_SESSION);
        candles.onTick(trade(NVDA, ny("2026-11-02T09:30"), 100, 1), closed);
        candles.advanceTo(ny("2026-11-02T16:00"), closed);

        List<Bar> days = closed.of(Timeframe.D1);
        assertSpan(days.get(0), "2026-10-30T13:30:00Z", "2026-10-30T20:00:00Z");
        assertSpan(days.get(1), "2026-11-02T14:30:00Z", "2026-11-02T21:00:00Z");
        assertSpan(closed.of(Timeframe.H1).get(1), "2026-11-02T14:30:00Z", "2026-11-02T15:00:00Z");
    }

    @Test
    void newYorkSpringForwardDayHas23HoursAndNoBucketForTheSkippedHour() {
        List<Bar> hours = hourlyBarsOfLocalDay(NEW_YORK_24H, "2026-03-08");

        assertThat(hours).hasSize(23).allSatisfy(h -> assertThat(h.end() - h.start()).isEqualTo(3_600_000L));
        assertThat(hours).extracting(h -> localHour(h.start(), NEW_YORK))
                .doesNotContain(2).contains(1, 3);
        assertSpan(hours.get(1), "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z");
        assertSpan(hours.get(2), "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z");
        assertThat(closed.only(Timeframe.D1).end() - closed.only(Timeframe.D1).start())
                .isEqualTo(Duration.ofHours(23).toMillis());
        assertSpan(closed.only(Timeframe.D1), "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z");
    }

    @Test
    void newYorkFallBackDayHas25HoursAndTheRepeatedHourTwice() {
        List<Bar> hours = hourlyBarsOfLocalDay(NEW_YORK_24H, "2026-11-01");

        assertThat(hours).hasSize(25).allSatisfy(h -> assertThat(h.end() - h.start()).isEqualTo(3_600_000L));
        assertSpan(hours.get(1), "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z");
        assertSpan(hours.get(2), "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z");
        assertThat(localHour(hours.get(1).start(), NEW_YORK)).isEqualTo(1);
        assertThat(localHour(hours.get(2).start(), NEW_YORK)).isEqualTo(1);
        assertSpan(closed.only(Timeframe.D1), "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z");
    }

    @Test
    void londonSwitchInsideTheTradingDayGivesA23HourDayInMarch() {
        List<Bar> hours = hourlyBarsOfLocalDay(LONDON_24H, "2026-03-29");

        assertThat(hours).hasSize(23).allSatisfy(h -> assertThat(h.end() - h.start()).isEqualTo(3_600_000L));
        assertThat(hours).extracting(h -> localHour(h.start(), LONDON)).doesNotContain(1);
        Bar day = closed.only(Timeframe.D1);
        assertSpan(day, "2026-03-29T00:00:00Z", "2026-03-29T23:00:00Z");
        assertThat(closed.of(Timeframe.M1)).hasSize(23 * 60);
        assertThat(closed.of(Timeframe.M15)).hasSize(23 * 4)
                .extracting(b -> b.end() - b.start()).containsOnly(900_000L);
        assertThat(day.volume()).isEqualTo(23 * 60);
    }

    @Test
    void londonSwitchInsideTheTradingDayGivesA25HourDayInOctober() {
        List<Bar> hours = hourlyBarsOfLocalDay(LONDON_24H, "2026-10-25");

        assertThat(hours).hasSize(25).allSatisfy(h -> assertThat(h.end() - h.start()).isEqualTo(3_600_000L));
        assertThat(hours).filteredOn(h -> localHour(h.start(), LONDON) == 1)
                .extracting(Bar::start)
                .containsExactly(utc("2026-10-25T00:00"), utc("2026-10-25T01:00"));
        Bar day = closed.only(Timeframe.D1);
        assertSpan(day, "2026-10-24T23:00:00Z", "2026-10-26T00:00:00Z");
        assertThat(closed.of(Timeframe.M1)).hasSize(25 * 60);
        assertThat(day.trades()).isEqualTo(25 * 60);
    }

    @Test
    void halfHourDstShiftCutsTheHourInsteadOfOverlappingIt() {
        SessionBuckets lordHowe = new SessionBuckets(new Instrument(
                "LH", AssetClass.FOREX, ZoneId.of("Australia/Lord_Howe"), TradingSession.ALWAYS_OPEN));
        // 2026-04-05 02:00 +11:00 becomes 01:30 +10:30: local 01:30-02:00 happens twice
        long switchAt = Instant.parse("2026-04-04T15:00:00Z").toEpochMilli();

        Bucket before = lordHowe.locate(Timeframe.H1, switchAt - 1);
        Bucket after = lordHowe.locate(Timeframe.H1, switchAt + 1);

        assertThat(before.end()).isEqualTo(switchAt);
        assertThat(after.start()).isEqualTo(switchAt);
        assertThat(after.end()).isEqualTo(switchAt + 1_800_000L);
        assertThat(lordHowe.locate(Timeframe.H1, after.end()).start()).isEqualTo(after.end());
    }

    @Test
    void bucketsContainTheInstantAndTileTheTimelineWithoutOverlapsAcrossDstSwitches() {
        // St. John's switched at 00:01 until 2011, in the middle of an hour; Lord Howe shifts by 30 minutes
        assertTiled(new SessionBuckets(aroundTheClock("America/St_Johns")), "2010-03-13T00:00", "2010-03-16T00:00");
        assertTiled(new SessionBuckets(aroundTheClock("America/St_Johns")), "2010-11-06T00:00", "2010-11-09T00:00");
        assertTiled(new SessionBuckets(aroundTheClock("Australia/Lord_Howe")), "2026-04-03T00:00", "2026-04-06T00:00");
        assertTiled(new SessionBuckets(aroundTheClock("Australia/Lord_Howe")), "2026-10-03T00:00", "2026-10-06T00:00");
        for (Instrument instrument : List.of(BTC, NVDA, LONDON_24H, NEW_YORK_24H)) {
            assertTiled(new SessionBuckets(instrument), "2026-03-06T00:00", "2026-03-10T00:00");
            assertTiled(new SessionBuckets(instrument), "2026-10-24T00:00", "2026-11-03T00:00");
        }
    }

    private static Instrument aroundTheClock(String zone) {
        return new Instrument(zone, AssetClass.FOREX, ZoneId.of(zone), TradingSession.ALWAYS_OPEN);
    }

    /** Every minute lies in a bucket that is either the previous minute's or starts where that one ended. */
    private static void assertTiled(SessionBuckets buckets, String fromUtc, String toUtc) {
        for (Timeframe tf : Timeframe.values()) {
            Bucket previous = null;
            for (long t = utc(fromUtc); t < utc(toUtc); t += 60_000L) {
                Bucket bucket = buckets.locate(tf, t);
                assertThat(bucket.contains(t)).as("%s %s at %s", tf, bucket, Instant.ofEpochMilli(t)).isTrue();
                if (previous != null && !bucket.equals(previous)) {
                    assertThat(bucket.start()).as("%s %s after %s", tf, bucket, previous).isEqualTo(previous.end());
                }
                previous = bucket;
            }
        }
    }

    /** Feeds one tick a minute through a local day of an around-the-clock instrument; returns the hourly bars. */
    private List<Bar> hourlyBarsOfLocalDay(Instrument instrument, String date) {
        ZoneId zone = instrument.zone();
        CandleAggregator candles = new CandleAggregator(instrument, REPLAY);
        long dayStart = LocalDate.parse(date).atStartOfDay(zone).toInstant().toEpochMilli();
        long dayEnd = LocalDate.parse(date).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        for (long t = dayStart; t < dayEnd; t += 60_000L) {
            assertThat(candles.onTick(trade(instrument, t + 30_000L, 100, 1), closed)).isEqualTo(TickOutcome.APPLIED);
        }
        candles.advanceTo(dayEnd, closed);
        assertThat(candles.forming(Timeframe.H1)).isEmpty();
        return closed.of(Timeframe.H1);
    }

    private static int localHour(long epochMillis, ZoneId zone) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).getHour();
    }

    private static void assertSpan(Bar bar, String start, String end) {
        assertThat(Instant.ofEpochMilli(bar.start())).as("start of %s", bar).isEqualTo(Instant.parse(start));
        assertThat(Instant.ofEpochMilli(bar.end())).as("end of %s", bar).isEqualTo(Instant.parse(end));
    }

    private static void assertFormingSpan(CandleAggregator candles, Timeframe tf, long start, long end) {
        Bar bar = candles.forming(tf).orElseThrow();
        assertThat(bar.start()).as("%s start", tf).isEqualTo(start);
        assertThat(bar.end()).as("%s end", tf).isEqualTo(end);
    }
}
