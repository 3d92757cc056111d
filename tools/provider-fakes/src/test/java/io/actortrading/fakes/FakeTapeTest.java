package io.actortrading.fakes;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FakeTapeTest {

    private static final long MINUTE = FakeTape.MINUTE_MILLIS;
    private static final long START = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();
    private static final int TRADES_PER_MINUTE = 30;
    private final FakeTape tape = new FakeTape(7, TRADES_PER_MINUTE);

    @Test
    void sameSeedSymbolAndMinuteGiveTheSameTradesEveryTime() {
        List<FakeTrade> first = tape.trades("MSFT", START);
        assertThat(new FakeTape(7, TRADES_PER_MINUTE).trades("MSFT", START)).isEqualTo(first);
        assertThat(tape.trades("MSFT", START + MINUTE / 2)).as("any time in the minute names it").isEqualTo(first);
        assertThat(new FakeTape(8, TRADES_PER_MINUTE).trades("MSFT", START)).isNotEqualTo(first);
        assertThat(tape.trades("AAPL", START)).extracting(FakeTrade::price)
                .isNotEqualTo(first.stream().map(FakeTrade::price).toList());
    }

    @Test
    void tradesAreSortedInsideTheirMinuteWithIncreasingSequencesAcrossMinutes() {
        List<FakeTrade> minute = tape.trades("NVDA", START);
        List<FakeTrade> next = tape.trades("NVDA", START + MINUTE);
        assertThat(minute).hasSize(TRADES_PER_MINUTE);
        assertThat(minute).allSatisfy(t -> assertThat(t.time()).isBetween(START, START + MINUTE - 1));
        assertThat(minute).extracting(FakeTrade::time).isSorted().doesNotHaveDuplicates();
        assertThat(minute).extracting(FakeTrade::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(next.get(0).sequence()).isGreaterThan(minute.get(minute.size() - 1).sequence());
        assertThat(minute).allSatisfy(t -> assertThat(t.id()).isEqualTo(Long.toString(t.sequence())));
    }

    @Test
    void minuteIsTheExactAggregateOfItsTrades() {
        for (String symbol : List.of("MSFT", "BTC-USD")) {
            List<FakeTrade> trades = tape.trades(symbol, START);
            FakeMinute minute = tape.minute(symbol, START);
            double volume = trades.stream().mapToDouble(FakeTrade::size).sum();
            double notional = trades.stream().mapToDouble(t -> t.price() * t.size()).sum();
            assertThat(minute.start()).isEqualTo(START);
            assertThat(minute.end()).isEqualTo(START + MINUTE);
            assertThat(minute.open()).isEqualTo(trades.get(0).price());
            assertThat(minute.close()).isEqualTo(trades.get(trades.size() - 1).price());
            assertThat(minute.high()).isEqualTo(trades.stream().mapToDouble(FakeTrade::price).max().orElseThrow());
            assertThat(minute.low()).isEqualTo(trades.stream().mapToDouble(FakeTrade::price).min().orElseThrow());
            assertThat(minute.volume()).isEqualTo(FakeTape.round(volume));
            assertThat(minute.vwap()).isEqualTo(FakeTape.round(notional / volume));
            assertThat(minute.trades()).isEqualTo(TRADES_PER_MINUTE);
        }
    }

    @Test
    void equitySizesAreWholeCryptoSizesFractionalAndEveryNumberHasAtMostFourDecimals() {
        assertThat(tape.trades("AAPL", START)).allSatisfy(t -> {
            assertThat(t.size()).isPositive().isEqualTo(Math.rint(t.size()));
            assertThat(decimals(t.price())).isLessThanOrEqualTo(FakeTape.PRICE_DECIMALS);
        });
        List<FakeTrade> crypto = tape.trades("BTC-USD", START);
        assertThat(crypto).anySatisfy(t -> assertThat(t.size()).isNotEqualTo(Math.rint(t.size())));
        assertThat(crypto).allSatisfy(t -> {
            assertThat(t.size()).isPositive();
            assertThat(decimals(t.size())).isLessThanOrEqualTo(FakeTape.PRICE_DECIMALS);
            assertThat(decimals(t.price())).isLessThanOrEqualTo(FakeTape.PRICE_DECIMALS);
        });
    }

    @Test
    void pricesArePositiveAndJoinUpFromOneMinuteToTheNext() {
        for (int i = 0; i < 120; i++) {
            FakeMinute minute = tape.minute("TSLA", START + i * MINUTE);
            FakeMinute next = tape.minute("TSLA", START + (i + 1) * MINUTE);
            assertThat(minute.low()).isPositive();
            assertThat(next.open()).isCloseTo(minute.close(), within(minute.close() * 0.005));
        }
    }

    @Test
    void aggregateOfARangeCoversExactlyTheTradesInside() {
        long from = START + 20_000;
        long to = START + 3 * MINUTE + 10_000;
        List<FakeTrade> inside = java.util.stream.Stream.of(0, 1, 2, 3)
                .flatMap(i -> tape.trades("SPY", START + i * MINUTE).stream())
                .filter(t -> t.time() >= from && t.time() < to)
                .toList();
        FakeMinute range = tape.aggregate("SPY", from, to).orElseThrow();
        assertThat(range.trades()).isEqualTo(inside.size());
        assertThat(range.open()).isEqualTo(inside.get(0).price());
        assertThat(range.close()).isEqualTo(inside.get(inside.size() - 1).price());
        assertThat(range.volume()).isEqualTo(inside.stream().mapToDouble(FakeTrade::size).sum());
        assertThat(tape.aggregate("SPY", from, from)).isEmpty();
        assertThat(tape.lastTrade("SPY", to)).isEqualTo(inside.get(inside.size() - 1));
    }

    private static int decimals(double value) {
        return Math.max(0, BigDecimal.valueOf(value).stripTrailingZeros().scale());
    }
}
