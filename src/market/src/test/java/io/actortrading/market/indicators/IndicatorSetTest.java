package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorSetTest {

    private static final Instrument NVDA = Instrument.infer("NVDA");
    private static final List<Bar> BARS = RandomWalkBars.generate(NVDA, 17, 2_000);

    @Test
    void namesAreTheStandardSetOfTheDesignInOrderAndTheIndexConstantsPointAtThem() {
        assertThat(IndicatorSet.NAMES).containsExactly("sma_20", "ema_12", "ema_26", "rsi_14", "macd", "macd_signal",
                "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr_14", "vwap_session", "obv", "stddev_20");
        int[] constants = {IndicatorSet.SMA_20, IndicatorSet.EMA_12, IndicatorSet.EMA_26, IndicatorSet.RSI_14,
                IndicatorSet.MACD, IndicatorSet.MACD_SIGNAL, IndicatorSet.MACD_HIST, IndicatorSet.BB_UPPER,
                IndicatorSet.BB_MIDDLE, IndicatorSet.BB_LOWER, IndicatorSet.ATR_14, IndicatorSet.VWAP_SESSION,
                IndicatorSet.OBV, IndicatorSet.STDDEV_20};
        for (int i = 0; i < constants.length; i++) {
            assertThat(constants[i]).as(IndicatorSet.NAMES.get(i)).isEqualTo(i);
            assertThat(IndicatorSet.indexOf(IndicatorSet.NAMES.get(i))).isEqualTo(i);
        }
        assertThat(IndicatorSet.indexOf("sma_21")).isEqualTo(-1);
    }

    @Test
    void eachNameCarriesTheValueOfItsStandaloneIndicatorWithTheStandardPeriods() {
        IndicatorSet set = new IndicatorSet(NVDA);
        Sma sma = new Sma(20);
        Ema ema12 = new Ema(12);
        Ema ema26 = new Ema(26);
        WilderRsi rsi = new WilderRsi(14);
        Macd macd = new Macd(12, 26, 9);
        BollingerBands bands = new BollingerBands(20, 2.0);
        WilderAtr atr = new WilderAtr(14);
        SessionVwap vwap = new SessionVwap(NVDA);
        OnBalanceVolume obv = new OnBalanceVolume();
        RollingStdDev stdDev = new RollingStdDev(20);
        List<Indicator> standalone = List.of(sma, ema12, ema26, rsi, macd, bands, atr, vwap, obv, stdDev);
        double[] values = new double[IndicatorSet.NAMES.size()];
        for (Bar bar : BARS) {
            set.update(bar);
            standalone.forEach(indicator -> indicator.update(bar));
            set.values(values);
            double[] expected = {sma.value(), ema12.value(), ema26.value(), rsi.value(), macd.macd(), macd.signal(),
                    macd.histogram(), bands.upper(), bands.middle(), bands.lower(), atr.value(), vwap.value(),
                    obv.value(), stdDev.value()};
            assertThat(values).as("bar at %d", bar.start()).containsExactly(expected);
            for (int i = 0; i < values.length; i++) {
                assertThat(Double.doubleToRawLongBits(set.value(i))).isEqualTo(Double.doubleToRawLongBits(values[i]));
            }
        }
        assertThat(Arrays.stream(values).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void beforeAnyBarEveryValueIsNaNAndThereIsNoLastBar() {
        IndicatorSet set = new IndicatorSet(NVDA);
        double[] values = new double[IndicatorSet.NAMES.size()];
        set.values(values);
        assertThat(Arrays.stream(values).allMatch(Double::isNaN)).isTrue();
        assertThat(set.lastBarStart()).isEqualTo(Long.MIN_VALUE);
        assertThat(set.bars()).isZero();
    }

    @Test
    void valuesBecomeAvailableAsTheirIndicatorsWarmUp() {
        IndicatorSet set = new IndicatorSet(NVDA);
        BARS.subList(0, 20).forEach(set::update);
        assertThat(set.value(IndicatorSet.SMA_20)).isFinite();
        assertThat(set.value(IndicatorSet.STDDEV_20)).isFinite();
        assertThat(set.value(IndicatorSet.RSI_14)).isFinite();
        assertThat(set.value(IndicatorSet.EMA_26)).isNaN();
        assertThat(set.value(IndicatorSet.MACD)).isNaN();
        BARS.subList(20, 34).forEach(set::update);
        assertThat(set.value(IndicatorSet.EMA_26)).isFinite();
        assertThat(set.value(IndicatorSet.MACD_HIST)).isFinite();
        assertThat(set.lastBarStart()).isEqualTo(BARS.get(33).start());
        assertThat(set.bars()).isEqualTo(34);
    }

    @Test
    void aBarWithANonFiniteFieldIsRejectedWholeAndCounted() {
        IndicatorSet set = new IndicatorSet(NVDA);
        BARS.subList(0, 50).forEach(set::update);
        double[] before = new double[IndicatorSet.NAMES.size()];
        set.values(before);
        Bar last = BARS.get(49);
        long start = last.end();

        set.update(new Bar("NVDA", Timeframe.M1, start, start + 60_000, 100, 101, 99, 100.5, Double.NaN, 100, 1, "bad"));
        set.update(new Bar("NVDA", Timeframe.M1, start, start + 60_000, 100, Double.POSITIVE_INFINITY, 99, 100.5, 10,
                100, 1, "bad"));

        double[] after = new double[IndicatorSet.NAMES.size()];
        set.values(after);
        assertThat(after).containsExactly(before);
        assertThat(set.rejectedBars()).isEqualTo(2);
        assertThat(set.bars()).isEqualTo(50);
        assertThat(set.lastBarStart()).isEqualTo(last.start());
    }

    @Test
    void valuesNeedOneSlotPerName() {
        IndicatorSet set = new IndicatorSet(NVDA);
        assertThatThrownBy(() -> set.values(new double[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> set.value(IndicatorSet.NAMES.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
