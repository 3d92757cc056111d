package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WarmUpTest {

    /** Bars that traded: the session VWAP of a day that has traded nothing is NaN even once warm. */
    private static final List<Bar> BARS = RandomWalkBars.generate(Subject.EQUITY, 3, 120).stream()
            .filter(bar -> bar.volume() > 0).limit(100).toList();

    private static List<Double> listOf(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static List<Subject> subjects() {
        return Subject.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void valuesAreNaNUntilTheWarmUpPeriodAndFiniteFromThenOn(Subject subject) {
        Indicator indicator = subject.create();
        assertThat(indicator.warmUpPeriod()).isEqualTo(subject.expectedWarmUp());
        assertThat(indicator.isReady()).isFalse();
        assertThat(listOf(subject.values(indicator))).allMatch(v -> v.isNaN());

        for (int i = 0; i < BARS.size(); i++) {
            indicator.update(BARS.get(i));
            long seen = i + 1;
            assertThat(indicator.samples()).isEqualTo(seen);
            boolean warm = seen >= subject.expectedWarmUp();
            assertThat(indicator.isReady()).as("ready after %d bars", seen).isEqualTo(warm);
            if (warm) {
                assertThat(listOf(subject.values(indicator))).as("after %d bars", seen).allMatch(Double::isFinite);
            } else {
                assertThat(listOf(subject.values(indicator))).as("after %d bars", seen).allMatch(v -> v.isNaN());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void aBarWithNonFinitePricesOrVolumeIsIgnored(Subject subject) {
        Indicator indicator = subject.create();
        BARS.forEach(indicator::update);
        double[] before = subject.values(indicator);
        Bar last = BARS.get(BARS.size() - 1);

        indicator.update(new Bar(last.symbol(), Timeframe.M1, last.end(), last.end() + 60_000, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 0, "broken"));

        assertThat(indicator.samples()).isEqualTo(BARS.size());
        assertThat(subject.values(indicator)).containsExactly(before);
    }

    @Test
    void smaOfAConstantIsThatConstantOnceTheWindowIsFull() {
        Sma sma = new Sma(3);
        sma.update(101.37);
        sma.update(101.37);
        assertThat(sma.value()).isNaN();
        sma.update(101.37);
        assertThat(sma.value()).isEqualTo(101.37);
    }

    @Test
    void rsiNeedsOneBarMoreThanItsPeriodBecauseItAveragesChanges() {
        WilderRsi rsi = new WilderRsi(3);
        rsi.update(10.0);
        rsi.update(11.0);
        rsi.update(12.0);
        assertThat(rsi.isReady()).isFalse();
        rsi.update(11.5);
        assertThat(rsi.isReady()).isTrue();
        double gain = 0.0;
        double loss = 0.0;
        for (double[] change : new double[][] {{1.0, 0.0}, {1.0, 0.0}, {0.0, 0.5}}) {
            gain += (change[0] - gain) / 3.0;
            loss += (change[1] - loss) / 3.0;
        }
        assertThat(rsi.value()).isCloseTo(100.0 * gain / (gain + loss), offset(1e-12));
    }

    @Test
    void invalidConfigurationsAreRefused() {
        assertThatThrownBy(() -> new Sma(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ema(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WilderRsi(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WilderAtr(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RollingStdDev(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Macd(26, 12, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Macd(12, 26, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BollingerBands(20, -1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BollingerBands(20, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
