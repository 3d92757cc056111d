package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Session VWAP has no ta4j twin (ta4j's VWAPIndicator is a rolling window): checked against a direct recomputation. */
class SessionVwapTest {

    private static final Instrument NVDA = Instrument.infer("NVDA");
    private static final Instrument BTC = Instrument.infer("BTC-USD");

    /** Recomputes the VWAP of bar {@code i}'s exchange-local day from scratch, with java.time per bar. */
    private static double directVwap(List<Bar> bars, int i, Instrument instrument) {
        LocalDate day = exchangeDay(bars.get(i), instrument);
        double priceVolume = 0.0;
        double volume = 0.0;
        int first = i;
        while (first > 0 && exchangeDay(bars.get(first - 1), instrument).equals(day)) {
            first--;
        }
        for (int j = first; j <= i; j++) {
            Bar bar = bars.get(j);
            priceVolume += bar.vwap() * bar.volume();
            volume += bar.volume();
        }
        return volume > 0.0 ? priceVolume / volume : Double.NaN;
    }

    private static LocalDate exchangeDay(Bar bar, Instrument instrument) {
        return Instant.ofEpochMilli(bar.start()).atZone(instrument.zone()).toLocalDate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NVDA", "BTC-USD"})
    void equalsTheDirectRecomputationOverTheExchangeDayOnEveryBar(String symbol) {
        Instrument instrument = Instrument.infer(symbol);
        List<Bar> bars = RandomWalkBars.generate(instrument, 5, 12_000);
        SessionVwap vwap = new SessionVwap(instrument);
        int sessions = 0;
        for (int i = 0; i < bars.size(); i++) {
            long before = vwap.sessionStart();
            vwap.update(bars.get(i));
            if (vwap.sessionStart() != before) {
                sessions++;
            }
            double expected = directVwap(bars, i, instrument);
            if (Double.isNaN(expected)) {
                assertThat(vwap.value()).as("bar %d", i).isNaN();
            } else {
                assertThat(Math.abs(vwap.value() - expected)).as("bar %d: %s vs %s", i, vwap.value(), expected)
                        .isLessThanOrEqualTo(1e-12 * expected);
            }
        }
        long days = bars.stream().map(bar -> exchangeDay(bar, instrument)).distinct().count();
        assertThat(sessions).isEqualTo(days).isGreaterThan(7);
    }

    private static Bar bar(Instrument instrument, String localStart, double vwap, double volume) {
        long start = ZonedDateTime.of(LocalDateTime.parse(localStart), instrument.zone()).toInstant().toEpochMilli();
        return new Bar(instrument.symbol(), Timeframe.M1, start, start + 60_000, vwap, vwap + 1, vwap - 1, vwap, volume,
                vwap, 1, "test");
    }

    @Test
    void anEquitySessionFollowsTheNewYorkDayNotTheUtcDay() {
        SessionVwap vwap = new SessionVwap(NVDA);
        vwap.update(bar(NVDA, "2024-03-08T15:58:00", 100.0, 100));
        // 19:30 in New York is 00:30 UTC of the next day: still Friday's session.
        vwap.update(bar(NVDA, "2024-03-08T19:30:00", 110.0, 300));
        assertThat(vwap.value()).isEqualTo((100.0 * 100 + 110.0 * 300) / 400);

        vwap.update(bar(NVDA, "2024-03-11T09:30:00", 90.0, 50));
        assertThat(vwap.value()).isEqualTo(90.0);
        assertThat(vwap.samples()).isEqualTo(3);
    }

    @Test
    void aCryptoSessionResetsAtUtcMidnight() {
        SessionVwap vwap = new SessionVwap(BTC);
        vwap.update(bar(BTC, "2024-03-09T23:58:00", 60_000.0, 2));
        vwap.update(bar(BTC, "2024-03-09T23:59:00", 60_010.0, 2));
        assertThat(vwap.value()).isEqualTo(60_005.0);
        vwap.update(bar(BTC, "2024-03-10T00:00:00", 59_990.0, 1));
        assertThat(vwap.value()).isEqualTo(59_990.0);
    }

    @Test
    void aSessionThatHasTradedNothingHasNoVwapYet() {
        SessionVwap vwap = new SessionVwap(NVDA);
        vwap.update(bar(NVDA, "2024-03-11T09:30:00", 100.0, 0));
        assertThat(vwap.isReady()).isTrue();
        assertThat(vwap.value()).isNaN();
        vwap.update(bar(NVDA, "2024-03-11T09:31:00", 101.0, 10));
        assertThat(vwap.value()).isEqualTo(101.0);
    }

    @Test
    void aBarWithoutAUsableVwapIsPricedAtItsTypicalPrice() {
        SessionVwap vwap = new SessionVwap(NVDA);
        long start = ZonedDateTime.of(LocalDateTime.parse("2024-03-11T09:30:00"), NVDA.zone())
                .toInstant().toEpochMilli();
        vwap.update(new Bar("NVDA", Timeframe.M1, start, start + 60_000, 100, 103, 97, 102, 10, Double.NaN, 1, "test"));
        assertThat(vwap.value()).isEqualTo(Bar.typicalPrice(103, 97, 102));
    }
}
