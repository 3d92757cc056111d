package io.actortrading.market.validation;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketDataValidatorTest {

    private static final long NOW = 1_718_199_000_000L;
    private static final double NO_REFERENCE = Double.NaN;
    private static final MarketDataValidator VALIDATOR = new MarketDataValidator(ValidationSettings.defaults());

    private static Tick tick(double price, double size, long time) {
        return Tick.of("AAPL", time, price, size, "test");
    }

    /** A valid 1-minute bar that ended one second ago. */
    private static Bar bar(double open, double high, double low, double close, double volume) {
        return new Bar("AAPL", Timeframe.M1, NOW - 61_000L, NOW - 1_000L, open, high, low, close, volume,
                Bar.typicalPrice(high, low, close), 12, "test");
    }

    private static Bar barAt(long start, long end) {
        return new Bar("AAPL", Timeframe.M1, start, end, 100, 101, 99, 100.5, 1_000, 100.2, 12, "test");
    }

    @Nested
    class Ticks {

        @Test
        void goodTradeIsAccepted() {
            assertThat(VALIDATOR.check(tick(189.5, 100, NOW - 10), NOW, 189.0)).isEqualTo(Verdict.ACCEPTED);
            assertThat(VALIDATOR.check(tick(189.5, 0, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void missingTickOrSymbolIsMalformed() {
            assertThat(VALIDATOR.check((Tick) null, NOW, NO_REFERENCE)).isEqualTo(Verdict.MALFORMED);
            assertThat(VALIDATOR.check(Tick.of(null, NOW, 1, 1, "test"), NOW, NO_REFERENCE)).isEqualTo(Verdict.MALFORMED);
            assertThat(VALIDATOR.check(Tick.of(" ", NOW, 1, 1, "test"), NOW, NO_REFERENCE)).isEqualTo(Verdict.MALFORMED);
        }

        @Test
        void nullSourceAndTradeIdAreNoReasonToReject() {
            Tick anonymous = new Tick("AAPL", NOW, 189.5, 10, null, null, Tick.NO_SEQUENCE, 0);
            assertThat(VALIDATOR.check(anonymous, NOW, NO_REFERENCE)).isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void nonFinitePriceOrSizeIsRejected() {
            assertThat(VALIDATOR.check(tick(Double.NaN, 1, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(tick(Double.POSITIVE_INFINITY, 1, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(tick(10, Double.NaN, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(tick(10, Double.NEGATIVE_INFINITY, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
        }

        @Test
        void zeroOrNegativePriceIsRejected() {
            assertThat(VALIDATOR.check(tick(0.0, 1, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_PRICE);
            assertThat(VALIDATOR.check(tick(-0.0, 1, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_PRICE);
            assertThat(VALIDATOR.check(tick(-3.5, 1, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_PRICE);
        }

        @Test
        void negativeSizeIsRejected() {
            assertThat(VALIDATOR.check(tick(10, -1, NOW), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_VOLUME);
        }

        @Test
        void tradeStampedBeyondTheClockSkewIsRejected() {
            long skew = ValidationSettings.defaults().maxFutureSkewMillis();
            assertThat(VALIDATOR.check(tick(10, 1, NOW + skew), NOW, NO_REFERENCE)).isEqualTo(Verdict.ACCEPTED);
            assertThat(VALIDATOR.check(tick(10, 1, NOW + skew + 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.FUTURE_TIMESTAMP);
            assertThat(VALIDATOR.check(tick(10, 1, Long.MAX_VALUE), NOW, NO_REFERENCE)).isEqualTo(Verdict.FUTURE_TIMESTAMP);
        }

        @Test
        void priceBeyondTheSpikeBandIsRejectedAndTheBandItselfIsNot() {
            assertThat(VALIDATOR.check(tick(110.0, 1, NOW), NOW, 100.0)).isEqualTo(Verdict.ACCEPTED);
            assertThat(VALIDATOR.check(tick(90.0, 1, NOW), NOW, 100.0)).isEqualTo(Verdict.ACCEPTED);
            assertThat(VALIDATOR.check(tick(110.01, 1, NOW), NOW, 100.0)).isEqualTo(Verdict.PRICE_SPIKE);
            assertThat(VALIDATOR.check(tick(89.99, 1, NOW), NOW, 100.0)).isEqualTo(Verdict.PRICE_SPIKE);
            assertThat(VALIDATOR.check(tick(1_890.0, 1, NOW), NOW, 189.0)).isEqualTo(Verdict.PRICE_SPIKE);
        }

        @Test
        void withoutAUsableReferenceThereIsNoSpike() {
            for (double reference : new double[] {Double.NaN, 0.0, -5.0, Double.POSITIVE_INFINITY}) {
                assertThat(VALIDATOR.check(tick(1_890.0, 1, NOW), NOW, reference)).as("reference %s", reference)
                        .isEqualTo(Verdict.ACCEPTED);
            }
        }

        @Test
        void oldTradeIsAcceptedButFlaggedStale() {
            long staleAfter = ValidationSettings.defaults().staleAfterMillis();
            assertThat(VALIDATOR.check(tick(10, 1, NOW - staleAfter), NOW, NO_REFERENCE)).isEqualTo(Verdict.ACCEPTED);
            Verdict old = VALIDATOR.check(tick(10, 1, NOW - staleAfter - 1), NOW, NO_REFERENCE);
            assertThat(old).isEqualTo(Verdict.STALE);
            assertThat(old.accepted()).isTrue();
            assertThat(VALIDATOR.check(tick(10, 1, Long.MIN_VALUE), NOW, NO_REFERENCE)).isEqualTo(Verdict.STALE);
        }

        @Test
        void checksRunInTheDocumentedOrder() {
            assertThat(VALIDATOR.check(tick(Double.NaN, -1, NOW + 1_000_000), NOW, 1.0)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(tick(-1, -1, NOW + 1_000_000), NOW, 1.0)).isEqualTo(Verdict.NEGATIVE_PRICE);
            assertThat(VALIDATOR.check(tick(5, -1, NOW + 1_000_000), NOW, 1.0)).isEqualTo(Verdict.NEGATIVE_VOLUME);
            assertThat(VALIDATOR.check(tick(5, 1, NOW + 1_000_000), NOW, 1.0)).isEqualTo(Verdict.FUTURE_TIMESTAMP);
            assertThat(VALIDATOR.check(tick(5, 1, NOW - 1_000_000), NOW, 1.0)).isEqualTo(Verdict.PRICE_SPIKE);
        }
    }

    @Nested
    class Bars {

        @Test
        void goodBarIsAccepted() {
            assertThat(VALIDATOR.check(bar(100, 101, 99, 100.5, 1_000), NOW, 100.0)).isEqualTo(Verdict.ACCEPTED);
            assertThat(VALIDATOR.check(bar(100, 100, 100, 100, 0), NOW, NO_REFERENCE)).as("a minute without trades")
                    .isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void missingBarSymbolOrTimeframeIsMalformed() {
            assertThat(VALIDATOR.check((Bar) null, NOW, NO_REFERENCE)).isEqualTo(Verdict.MALFORMED);
            Bar noSymbol = new Bar(null, Timeframe.M1, NOW - 61_000, NOW - 1_000, 1, 1, 1, 1, 1, 1, 1, "test");
            Bar noTimeframe = new Bar("AAPL", null, NOW - 61_000, NOW - 1_000, 1, 1, 1, 1, 1, 1, 1, "test");
            assertThat(VALIDATOR.check(noSymbol, NOW, NO_REFERENCE)).isEqualTo(Verdict.MALFORMED);
            assertThat(VALIDATOR.check(noTimeframe, NOW, NO_REFERENCE)).isEqualTo(Verdict.MALFORMED);
        }

        @Test
        void anyNonFiniteFieldIsRejected() {
            double nan = Double.NaN;
            assertThat(VALIDATOR.check(bar(nan, 101, 99, 100, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(bar(100, nan, 99, 100, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(bar(100, 101, nan, 100, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(bar(100, 101, 99, Double.POSITIVE_INFINITY, 1), NOW, NO_REFERENCE))
                    .isEqualTo(Verdict.NON_FINITE);
            assertThat(VALIDATOR.check(bar(100, 101, 99, 100, nan), NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
            Bar nanVwap = new Bar("AAPL", Timeframe.M1, NOW - 61_000, NOW - 1_000, 100, 101, 99, 100, 1, nan, 1, "t");
            assertThat(VALIDATOR.check(nanVwap, NOW, NO_REFERENCE)).isEqualTo(Verdict.NON_FINITE);
        }

        @Test
        void zeroOrNegativePriceIsRejected() {
            assertThat(VALIDATOR.check(bar(100, 101, 0, 100, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_PRICE);
            assertThat(VALIDATOR.check(bar(-1, 101, 99, 100, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_PRICE);
            assertThat(VALIDATOR.check(bar(100, 101, 99, 0, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_PRICE);
        }

        @Test
        void negativeVolumeOrTradeCountIsRejected() {
            assertThat(VALIDATOR.check(bar(100, 101, 99, 100, -5), NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_VOLUME);
            Bar negativeTrades = new Bar("AAPL", Timeframe.M1, NOW - 61_000, NOW - 1_000, 100, 101, 99, 100, 1, 100, -1, "t");
            assertThat(VALIDATOR.check(negativeTrades, NOW, NO_REFERENCE)).isEqualTo(Verdict.NEGATIVE_VOLUME);
        }

        @Test
        void highBelowOrLowAboveTheBodyIsInconsistent() {
            assertThat(VALIDATOR.check(bar(100, 99.5, 99, 99.8, 1), NOW, NO_REFERENCE)).as("high < open")
                    .isEqualTo(Verdict.OHLC_INCONSISTENT);
            assertThat(VALIDATOR.check(bar(100, 100.5, 99, 101, 1), NOW, NO_REFERENCE)).as("high < close")
                    .isEqualTo(Verdict.OHLC_INCONSISTENT);
            assertThat(VALIDATOR.check(bar(100, 98, 99, 98, 1), NOW, NO_REFERENCE)).as("high < low")
                    .isEqualTo(Verdict.OHLC_INCONSISTENT);
            assertThat(VALIDATOR.check(bar(100, 101, 100.2, 100.5, 1), NOW, NO_REFERENCE)).as("low > open")
                    .isEqualTo(Verdict.OHLC_INCONSISTENT);
            assertThat(VALIDATOR.check(bar(100.5, 101, 100.2, 100, 1), NOW, NO_REFERENCE)).as("low > close")
                    .isEqualTo(Verdict.OHLC_INCONSISTENT);
        }

        @Test
        void barThatDoesNotEndAfterItStartsIsRejected() {
            assertThat(VALIDATOR.check(barAt(NOW - 60_000, NOW - 60_000), NOW, NO_REFERENCE)).isEqualTo(Verdict.ZERO_WIDTH);
            assertThat(VALIDATOR.check(barAt(NOW - 60_000, NOW - 120_000), NOW, NO_REFERENCE)).isEqualTo(Verdict.ZERO_WIDTH);
        }

        @Test
        void stillFormingBarIsAFutureTimestamp() {
            long skew = ValidationSettings.defaults().maxFutureSkewMillis();
            assertThat(VALIDATOR.check(barAt(NOW - 30_000, NOW + 30_000), NOW, NO_REFERENCE)).isEqualTo(Verdict.FUTURE_TIMESTAMP);
            assertThat(VALIDATOR.check(barAt(NOW - 60_000 + skew, NOW + skew), NOW, NO_REFERENCE)).isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void closeBeyondTheSpikeBandIsRejected() {
            assertThat(VALIDATOR.check(bar(100, 101, 99, 100.5, 1), NOW, 80.0)).isEqualTo(Verdict.PRICE_SPIKE);
            assertThat(VALIDATOR.check(bar(100, 101, 99, 100.5, 1), NOW, NO_REFERENCE)).isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void barThatEndedLongAgoIsFlaggedStale() {
            long staleAfter = ValidationSettings.defaults().staleAfterMillis();
            assertThat(VALIDATOR.check(barAt(NOW - staleAfter - 60_000, NOW - staleAfter), NOW, 100.0))
                    .isEqualTo(Verdict.ACCEPTED);
            assertThat(VALIDATOR.check(barAt(NOW - staleAfter - 60_001, NOW - staleAfter - 1), NOW, 100.0))
                    .isEqualTo(Verdict.STALE);
        }

        @Test
        void checksRunInTheDocumentedOrder() {
            Bar everythingWrong = new Bar("AAPL", Timeframe.M1, NOW + 500_000, NOW, Double.NaN, -1, 5, 1, -1, 1, -1, "t");
            assertThat(VALIDATOR.check(everythingWrong, NOW, 1_000.0)).isEqualTo(Verdict.NON_FINITE);
            Bar negativePriceAndVolume = new Bar("AAPL", Timeframe.M1, NOW + 500_000, NOW, 1, -1, 5, 1, -1, 1, -1, "t");
            assertThat(VALIDATOR.check(negativePriceAndVolume, NOW, 1_000.0)).isEqualTo(Verdict.NEGATIVE_PRICE);
            Bar negativeVolumeAndOhlc = new Bar("AAPL", Timeframe.M1, NOW + 500_000, NOW, 1, 1, 5, 1, -1, 1, 0, "t");
            assertThat(VALIDATOR.check(negativeVolumeAndOhlc, NOW, 1_000.0)).isEqualTo(Verdict.NEGATIVE_VOLUME);
            Bar ohlcAndWidth = new Bar("AAPL", Timeframe.M1, NOW + 500_000, NOW, 1, 1, 5, 1, 1, 1, 0, "t");
            assertThat(VALIDATOR.check(ohlcAndWidth, NOW, 1_000.0)).isEqualTo(Verdict.OHLC_INCONSISTENT);
            assertThat(VALIDATOR.check(barAt(NOW + 500_000, NOW), NOW, 1_000.0)).isEqualTo(Verdict.ZERO_WIDTH);
            assertThat(VALIDATOR.check(barAt(NOW + 500_000, NOW + 560_000), NOW, 1_000.0)).isEqualTo(Verdict.FUTURE_TIMESTAMP);
            assertThat(VALIDATOR.check(barAt(NOW - 900_000, NOW - 840_000), NOW, 1_000.0)).isEqualTo(Verdict.PRICE_SPIKE);
        }
    }

    @Test
    void spikeBandOfInfinitySwitchesTheSpikeCheckOff() {
        MarketDataValidator lenient = new MarketDataValidator(new ValidationSettings(Double.POSITIVE_INFINITY, 0, 1));
        assertThat(lenient.check(tick(1e9, 1, NOW), NOW, 1e-9)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void settingsRefuseMeaninglessValues() {
        assertThatThrownBy(() -> new ValidationSettings(0.0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationSettings(Double.NaN, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationSettings(0.1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationSettings(0.1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ValidationSettings.defaults().spikeBand()).isEqualTo(0.10);
    }

    @Test
    void onlyAcceptedAndStaleAreAccepted() {
        for (Verdict verdict : Verdict.values()) {
            assertThat(verdict.accepted()).as(verdict.name())
                    .isEqualTo(verdict == Verdict.ACCEPTED || verdict == Verdict.STALE);
        }
    }

    @Test
    void checkingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tick tick = tick(189.5, 100, NOW - 10);
        Bar bar = bar(100, 101, 99, 100.5, 1_000);
        int checks = 200_000;
        int accepted = 0;
        long allocated = 0;
        // the first round only warms up: loading and initialising classes allocates
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < checks; i++) {
                accepted += VALIDATOR.check(tick, NOW + i, 189.0 + (i & 7)).accepted() ? 1 : 0;
                accepted += VALIDATOR.check(bar, NOW + i, 100.0 + (i & 7)).accepted() ? 1 : 0;
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(accepted).isEqualTo(6 * checks);
        assertThat(allocated).as("bytes allocated by %d checks", 2 * checks).isLessThan(1_024);
    }

    @Property(tries = 2_000)
    void neverThrowsWhateverArrives(@ForAll("ticks") Tick tick, @ForAll("bars") Bar bar, @ForAll long now,
                                    @ForAll("anyDouble") double reference) {
        assertThat(VALIDATOR.check(tick, now, reference)).isNotNull();
        assertThat(VALIDATOR.check(bar, now, reference)).isNotNull();
    }

    @Provide
    Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE));
    }

    @Provide
    Arbitrary<Tick> ticks() {
        Arbitrary<String> symbols = Arbitraries.strings().ofMaxLength(6).injectNull(0.2);
        return net.jqwik.api.Combinators.combine(symbols, Arbitraries.longs(), anyDouble(), anyDouble())
                .as((symbol, time, price, size) -> Tick.of(symbol, time, price, size, null))
                .injectNull(0.05);
    }

    @Provide
    Arbitrary<Bar> bars() {
        Arbitrary<String> symbols = Arbitraries.strings().ofMaxLength(6).injectNull(0.2);
        Arbitrary<Timeframe> timeframes = Arbitraries.of(Timeframe.class).injectNull(0.1);
        return net.jqwik.api.Combinators.combine(symbols, timeframes, Arbitraries.longs(), Arbitraries.longs(),
                        anyDouble(), anyDouble(), anyDouble(), anyDouble())
                .as((symbol, timeframe, start, end, open, high, low, close) ->
                        new Bar(symbol, timeframe, start, end, open, high, low, close, high, low, end, null))
                .injectNull(0.05);
    }
}
