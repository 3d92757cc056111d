package io.actortrading.feeds.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import io.actortrading.market.Tick;
import io.actortrading.market.instrument.Instrument;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

    /** Monday 2 March 2026, 09:30 America/New_York: a session open. */
    private static final long OPEN = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();
    private static final long CLOSE = Instant.parse("2026-03-02T21:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;

    private static SyntheticMarket market(List<String> symbols, double ticksPerSecond, double speed, long start, long seed) {
        return new SyntheticMarket(new SyntheticSettings(symbols, ticksPerSecond, speed, start, seed));
    }

    private static List<Tick> run(SyntheticMarket market, long until, long step) {
        List<Tick> ticks = new ArrayList<>();
        for (long t = OPEN; t < until; t += step) {
            market.emit(Math.min(t + step, until), Integer.MAX_VALUE, ticks::add);
        }
        return ticks;
    }

    private static List<Tick> all(SyntheticMarket market, long until) {
        List<Tick> ticks = new ArrayList<>();
        market.emit(until, Integer.MAX_VALUE, ticks::add);
        return ticks;
    }

    @Test
    void sameSeedAndCallsGiveTheSameTicks() {
        List<Tick> first = run(market(List.of("NVDA", "MSFT", "BTC-USD"), 50, 1, OPEN, 7), OPEN + 10 * MINUTE, 250);
        List<Tick> second = run(market(List.of("NVDA", "MSFT", "BTC-USD"), 50, 1, OPEN, 7), OPEN + 10 * MINUTE, 250);
        List<Tick> otherSeed = run(market(List.of("NVDA", "MSFT", "BTC-USD"), 50, 1, OPEN, 8), OPEN + 10 * MINUTE, 250);

        assertThat(first).hasSizeGreaterThan(1_000).isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void howOftenEmitIsCalledDoesNotChangeTheTicks() {
        List<Tick> inSmallSteps = run(market(List.of("NVDA", "BTC-USD"), 30, 1, OPEN, 11), OPEN + 5 * MINUTE, 37);
        List<Tick> atOnce = all(market(List.of("NVDA", "BTC-USD"), 30, 1, OPEN, 11), OPEN + 5 * MINUTE);

        assertThat(inSmallSteps).isEqualTo(atOnce);
    }

    @Test
    void capsEachCallAndDeliversTheRestOnTheNext() {
        SyntheticMarket capped = market(List.of("NVDA"), 20, 1, OPEN, 3);
        List<Tick> ticks = new ArrayList<>();

        assertThat(capped.emit(OPEN + MINUTE, 10, ticks::add)).isEqualTo(10);
        assertThat(ticks).hasSize(10);
        while (capped.emit(OPEN + MINUTE, 10, ticks::add) > 0) {
            assertThat(ticks.size()).as("an endless loop").isLessThan(100_000);
        }

        assertThat(ticks).isEqualTo(all(market(List.of("NVDA"), 20, 1, OPEN, 3), OPEN + MINUTE));
    }

    @Test
    void emitsPlainTimeOrderedTicksUpToTheRequestedTime() {
        List<Tick> ticks = all(market(List.of("NVDA", "BTC-USD", "EUR/USD"), 100, 1, OPEN, 5), OPEN + 2 * MINUTE);

        assertThat(ticks).isNotEmpty().allSatisfy(t -> {
            assertThat(t.source()).isEqualTo("synthetic");
            assertThat(t.identified()).isFalse();
            assertThat(t.timestamp()).isBetween(OPEN, OPEN + 2 * MINUTE);
            assertThat(t.price()).isPositive().isFinite();
            assertThat(t.size()).isPositive().isFinite();
        });
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).timestamp()).isGreaterThanOrEqualTo(ticks.get(i - 1).timestamp());
        }
        assertThat(ticks).filteredOn(t -> t.symbol().equals("NVDA")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.price() * 100).isCloseTo(Math.rint(t.price() * 100), offset(1e-6));
            assertThat(t.size()).isEqualTo(Math.rint(t.size()));
        });
    }

    @Test
    void tradesEquitiesOnlyInTheirRegularSessionAndCryptoAroundTheClock() {
        long fridayAfternoon = Instant.parse("2026-02-27T20:00:00Z").toEpochMilli();
        long mondayMorning = Instant.parse("2026-03-02T15:30:00Z").toEpochMilli();
        List<Tick> ticks = new ArrayList<>();
        SyntheticMarket market = market(List.of("NVDA", "BTC-USD"), 2, 1, fridayAfternoon, 13);
        for (long t = fridayAfternoon; t < mondayMorning; t += 3_600_000L) {
            market.emit(Math.min(t + 3_600_000L, mondayMorning), Integer.MAX_VALUE, ticks::add);
        }

        List<ZonedDateTime> nvda = ticks.stream().filter(t -> t.symbol().equals("NVDA"))
                .map(t -> Instant.ofEpochMilli(t.timestamp()).atZone(Instrument.NEW_YORK)).toList();
        assertThat(nvda).allSatisfy(time -> {
            assertThat(time.getDayOfWeek()).isIn(DayOfWeek.FRIDAY, DayOfWeek.MONDAY);
            assertThat(time.toLocalTime()).isBetween(LocalTime.of(9, 30), LocalTime.of(15, 59, 59, 999_000_000));
        });
        assertThat(nvda).anyMatch(time -> time.getDayOfWeek() == DayOfWeek.FRIDAY)
                .anyMatch(time -> time.getDayOfWeek() == DayOfWeek.MONDAY);
        assertThat(ticks).filteredOn(t -> t.symbol().equals("BTC-USD"))
                .anyMatch(t -> Instant.ofEpochMilli(t.timestamp()).atZone(Instrument.NEW_YORK).getDayOfWeek() == DayOfWeek.SATURDAY);
    }

    @Test
    void skipsToTheNextOpenWhenEveryMarketIsClosed() {
        long saturday = Instant.parse("2026-02-28T12:00:00Z").toEpochMilli();
        List<Tick> ticks = new ArrayList<>();

        market(List.of("NVDA", "MSFT"), 1_000, 1, saturday, 17).emit(OPEN + MINUTE, Integer.MAX_VALUE, ticks::add);

        assertThat(ticks).isNotEmpty().allSatisfy(t -> assertThat(t.timestamp()).isBetween(OPEN, OPEN + MINUTE));
        assertThat(ticks.get(0).timestamp() - OPEN).isLessThan(1_000);
    }

    @Test
    void tradesMostNearTheOpenAndTheCloseOfAnEquitySession() {
        List<Tick> ticks = all(market(List.of("MSFT"), 20, 1, OPEN, 19), CLOSE);
        long[] perHalfHour = new long[13];
        for (Tick t : ticks) {
            perHalfHour[(int) ((t.timestamp() - OPEN) / (30 * MINUTE))]++;
        }

        long middle = perHalfHour[6];
        assertThat(perHalfHour[0]).isGreaterThan(2 * middle);
        assertThat(perHalfHour[12]).isGreaterThan(2 * middle);
        assertThat(perHalfHour[3]).isLessThan(perHalfHour[0]).isGreaterThan(middle);
    }

    @Test
    void averagesTheConfiguredRateOfWallTime() {
        double ticksPerSecond = 20;
        double speed = 60;
        long sessionMillis = CLOSE - OPEN;
        double expected = ticksPerSecond * sessionMillis / 1000.0 / speed;

        List<Tick> equity = all(market(List.of("MSFT"), ticksPerSecond, speed, OPEN, 23), CLOSE);
        List<Tick> crypto = all(market(List.of("BTC-USD"), ticksPerSecond, speed, OPEN, 23), CLOSE);

        assertThat((double) equity.size()).isCloseTo(expected, withPercentage(5));
        assertThat((double) crypto.size()).isCloseTo(expected, withPercentage(5));
    }

    @Test
    void movesEachSymbolWithTheVolatilityOfItsProfile() {
        for (String symbol : List.of("NVDA", "MSFT", "BTC-USD")) {
            SymbolProfile profile = SymbolProfile.of(Instrument.infer(symbol));
            List<Tick> ticks = all(market(List.of(symbol), 0.5, 1, OPEN, 29), CLOSE);
            double sumOfSquares = 0;
            for (int i = 1; i < ticks.size(); i++) {
                double r = Math.log(ticks.get(i).price() / ticks.get(i - 1).price());
                sumOfSquares += r * r;
            }
            double elapsedYears = (ticks.get(ticks.size() - 1).timestamp() - ticks.get(0).timestamp())
                    / profile.tradingMillisPerYear();
            double realized = Math.sqrt(sumOfSquares / elapsedYears);

            assertThat(realized).as(symbol).isCloseTo(profile.volatility(), withPercentage(15));
        }
    }

    @Test
    void startsWellKnownSymbolsNearTheirTypicalLevel() {
        assertThat(SymbolProfile.of(Instrument.infer("NVDA")).referencePrice()).isEqualTo(180.0);
        assertThat(SymbolProfile.of(Instrument.infer("BTC-USD")).referencePrice()).isEqualTo(90_000.0);
        SymbolProfile unknown = SymbolProfile.of(Instrument.infer("ZZZZ"));
        assertThat(unknown).isEqualTo(SymbolProfile.of(Instrument.infer("zzzz")));
        assertThat(unknown.referencePrice()).isBetween(20.0, 500.0);
        assertThat(unknown.volatility()).isBetween(0.20, 0.55);
        assertThat(SymbolProfile.of(Instrument.infer("DOGE-USD")).volatility()).isBetween(0.55, 0.90);
    }

    @Test
    void addsAndRemovesSymbolsWhileRunning() {
        SyntheticMarket market = market(List.of("NVDA"), 50, 1, OPEN, 31);
        List<Tick> before = new ArrayList<>();
        market.emit(OPEN + MINUTE, Integer.MAX_VALUE, before::add);

        market.addSymbol("btc-usd");
        market.addSymbol("NVDA");
        assertThat(market.symbols()).containsExactly("NVDA", "BTC-USD");
        List<Tick> during = new ArrayList<>();
        market.emit(OPEN + 2 * MINUTE, Integer.MAX_VALUE, during::add);

        market.removeSymbol("NVDA");
        market.removeSymbol("UNKNOWN");
        assertThat(market.symbols()).containsExactly("BTC-USD");
        List<Tick> after = new ArrayList<>();
        market.emit(OPEN + 3 * MINUTE, Integer.MAX_VALUE, after::add);

        assertThat(before).extracting(Tick::symbol).containsOnly("NVDA");
        assertThat(during).extracting(Tick::symbol).contains("NVDA", "BTC-USD");
        assertThat(during).filteredOn(t -> t.symbol().equals("BTC-USD"))
                .allSatisfy(t -> assertThat(t.timestamp()).isGreaterThanOrEqualTo(OPEN + MINUTE));
        assertThat(after).isNotEmpty().extracting(Tick::symbol).containsOnly("BTC-USD");
    }

    @Test
    void aMarketWithoutSymbolsDoesNotCatchUpWhenOneIsAdded() {
        SyntheticMarket market = market(List.of(), 50, 1, OPEN, 37);
        assertThat(market.emit(OPEN + 10 * MINUTE, Integer.MAX_VALUE, t -> { })).isZero();

        market.addSymbol("BTC-USD");
        List<Tick> ticks = new ArrayList<>();
        market.emit(OPEN + 11 * MINUTE, Integer.MAX_VALUE, ticks::add);

        assertThat(ticks).isNotEmpty()
                .allSatisfy(t -> assertThat(t.timestamp()).isGreaterThanOrEqualTo(OPEN + 10 * MINUTE));
    }

    @Test
    void runsTheMarketClockFasterThanTheWallClock() {
        SyntheticSettings settings = new SyntheticSettings(List.of("NVDA"), 10, 60, OPEN, 1);

        assertThat(settings.marketMillisAfter(0)).isEqualTo(OPEN);
        assertThat(settings.marketMillisAfter(1_000_000_000L)).isEqualTo(OPEN + MINUTE);
    }

    @Test
    void rejectsSettingsThatCannotRun() {
        assertThatThrownBy(() -> new SyntheticSettings(List.of("NVDA"), 0, 1, OPEN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticksPerSecond");
        assertThatThrownBy(() -> new SyntheticSettings(List.of("NVDA"), 10, Double.NaN, OPEN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
    }
}
