package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.market.Bar;
import io.actortrading.market.instrument.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

/**
 * Our streaming indicators against ta4j 0.17 on 12,000 random-walk bars of an equity (~100) and of
 * a BTC-like crypto pair (~60,000, fractional volumes): after each indicator's warm-up every value
 * agrees to 1e-9 relative (see {@link Agreement} for where an absolute floor applies and why).
 *
 * <p>ta4j runs on DecimalNum (32 significant digits), not DoubleNum: the reference should be exact
 * for all practical purposes, so that what is measured is our rounding, not the sum of ours and
 * ta4j's (its SMA, for one, keeps a plain running total, which on DoubleNum drifts with history).
 * The series is unbounded so ta4j's recursions run from the first bar, as ours do.
 */
class Ta4jDifferentialTest {

    private static final int BARS = 12_000;
    private static final int TA4J_PRECISION = 32;

    record Market(String name, List<Bar> bars, BarSeries series) {
        @Override
        public String toString() {
            return name;
        }

        ClosePriceIndicator close() {
            return new ClosePriceIndicator(series);
        }
    }

    private static final Market EQUITY = market(Instrument.infer("NVDA"), 7);
    private static final Market CRYPTO = market(Instrument.infer("BTC-USD"), 11);

    private static Market market(Instrument instrument, long seed) {
        List<Bar> bars = RandomWalkBars.generate(instrument, seed, BARS);
        BarSeries series = new BaseBarSeriesBuilder().withName(instrument.symbol())
                .withNumTypeOf(DecimalNum.class).build();
        for (Bar bar : bars) {
            series.addBar(Duration.ofMinutes(1), ZonedDateTime.ofInstant(Instant.ofEpochMilli(bar.end()), ZoneOffset.UTC),
                    exactly(bar.open()), exactly(bar.high()), exactly(bar.low()), exactly(bar.close()),
                    exactly(bar.volume()), exactly(0.0));
        }
        return new Market(instrument.symbol(), bars, series);
    }

    /**
     * The double's binary value (to ta4j's default 32 digits, i.e. ~1e-32 relative), not its shortest
     * decimal spelling, which DecimalNum.valueOf(Number) would take: ta4j must see the very inputs we
     * see. Otherwise a one-cent move at 60,000 differs by up to 7e-12 between the two, ~1e-9 relative
     * in a standard deviation of half a cent, and the suite would measure the spelling of the inputs
     * instead of our arithmetic. The precision must be given: without it DecimalNum computes every
     * result with the precision of its left operand, three digits for a close of 100.
     */
    private static Num exactly(double value) {
        return DecimalNum.valueOf(new BigDecimal(value), TA4J_PRECISION);
    }

    static Stream<Market> markets() {
        return Stream.of(EQUITY, CRYPTO);
    }

    static Stream<Arguments> marketsAndPeriods() {
        return markets().flatMap(m -> Stream.of(2, 14, 20, 50).map(p -> Arguments.of(m, p)));
    }

    private static double at(Indicator<Num> indicator, int index) {
        return indicator.getValue(index).doubleValue();
    }

    /** One value of ours, the ta4j indicator it must equal, and the agreement that tallies the comparisons. */
    private record Comparison(Agreement agreement, DoubleSupplier ours, Indicator<Num> reference) {
    }

    /**
     * Feeds every bar to {@code ours} and, at each bar it is ready at, checks every comparison; then asserts
     * that each agreed at no fewer than {@code minimum} bars.
     */
    private static void assertAgreesWhenReady(Market market, io.actortrading.market.indicators.Indicator ours,
            int minimum, Comparison... comparisons) {
        for (int i = 0; i < BARS; i++) {
            ours.update(market.bars().get(i));
            if (ours.isReady()) {
                for (Comparison comparison : comparisons) {
                    comparison.agreement().check(i, comparison.ours().getAsDouble(), at(comparison.reference(), i));
                }
            }
        }
        for (Comparison comparison : comparisons) {
            comparison.agreement().assertAgreed(minimum);
        }
    }

    @ParameterizedTest(name = "{0} period {1}")
    @MethodSource("marketsAndPeriods")
    void smaAgreesWithTa4jAfterWarmUp(Market market, int period) {
        Sma ours = new Sma(period);
        assertAgreesWhenReady(market, ours, BARS - period, new Comparison(
                Agreement.relative("sma(" + period + ") " + market), ours::value,
                new SMAIndicator(market.close(), period)));
    }

    @ParameterizedTest(name = "{0} period {1}")
    @MethodSource("marketsAndPeriods")
    void emaAgreesWithTa4jAfterWarmUp(Market market, int period) {
        Ema ours = new Ema(period);
        assertAgreesWhenReady(market, ours, BARS - period, new Comparison(
                Agreement.relative("ema(" + period + ") " + market), ours::value,
                new EMAIndicator(market.close(), period)));
    }

    @ParameterizedTest(name = "{0} period {1}")
    @MethodSource("marketsAndPeriods")
    void wilderRsiAgreesWithTa4jAfterWarmUp(Market market, int period) {
        WilderRsi ours = new WilderRsi(period);
        // Near 0 ta4j's 100 - 100/(1 + rs) cancels: at 32 digits it returns exactly 0 once rs < 1e-31,
        // where the true RSI (ours, from 100*g/(g+l)) is ~1e-30. Hence the absolute floor there.
        assertAgreesWhenReady(market, ours, BARS - period - 1, new Comparison(
                Agreement.relativeOrNearZero("rsi(" + period + ") " + market), ours::value,
                new RSIIndicator(market.close(), period)));
    }

    @ParameterizedTest(name = "{0} period {1}")
    @MethodSource("marketsAndPeriods")
    void wilderAtrAgreesWithTa4jAfterWarmUp(Market market, int period) {
        WilderAtr ours = new WilderAtr(period);
        assertAgreesWhenReady(market, ours, BARS - period, new Comparison(
                Agreement.relative("atr(" + period + ") " + market), ours::value,
                new ATRIndicator(market.series(), period)));
    }

    @ParameterizedTest(name = "{0} period {1}")
    @MethodSource("marketsAndPeriods")
    void populationStdDevAgreesWithTa4jAfterWarmUp(Market market, int period) {
        RollingStdDev ours = new RollingStdDev(period);
        // A flat window's deviation is exactly 0 (and ours is); ta4j's, computed at 32 digits from a
        // rounded running total, is ~1e-30..1e-26 there. Hence the absolute floor at 0.
        assertAgreesWhenReady(market, ours, BARS - period, new Comparison(
                Agreement.relativeOrNearZero("stddev(" + period + ") " + market), ours::value,
                new StandardDeviationIndicator(market.close(), period)));
    }

    static Stream<Arguments> macdSettings() {
        return markets().flatMap(m -> Stream.of(Arguments.of(m, 12, 26, 9), Arguments.of(m, 5, 35, 5)));
    }

    @ParameterizedTest(name = "{0} ({1},{2},{3})")
    @MethodSource("macdSettings")
    void macdSignalAndHistogramAgreeWithTa4jAfterWarmUp(Market market, int fast, int slow, int signal) {
        Macd ours = new Macd(fast, slow, signal);
        MACDIndicator reference = new MACDIndicator(market.close(), fast, slow);
        String setting = "(" + fast + "," + slow + "," + signal + ") " + market;
        assertAgreesWhenReady(market, ours, BARS - slow - signal,
                new Comparison(Agreement.relativeOrNearZero("macd" + setting), ours::macd, reference),
                new Comparison(Agreement.relativeOrNearZero("macd signal" + setting), ours::signal,
                        reference.getSignalLine(signal)),
                new Comparison(Agreement.relativeOrNearZero("macd histogram" + setting), ours::histogram,
                        reference.getHistogram(signal)));
    }

    static Stream<Arguments> bollingerSettings() {
        return markets().flatMap(m -> Stream.of(Arguments.of(m, 20, 2.0), Arguments.of(m, 10, 1.5)));
    }

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @MethodSource("bollingerSettings")
    void bollingerBandsAgreeWithTa4jAfterWarmUp(Market market, int period, double k) {
        BollingerBands ours = new BollingerBands(period, k);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(market.close(), period));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(market.close(), period);
        Num width = DecimalNum.valueOf(k);
        String setting = "(" + period + "," + k + ") " + market;
        assertAgreesWhenReady(market, ours, BARS - period,
                new Comparison(Agreement.relative("bb upper" + setting), ours::upper,
                        new BollingerBandsUpperIndicator(middle, deviation, width)),
                new Comparison(Agreement.relative("bb middle" + setting), ours::middle, middle),
                new Comparison(Agreement.relative("bb lower" + setting), ours::lower,
                        new BollingerBandsLowerIndicator(middle, deviation, width)));
    }

    /** OBV is ready from the first bar, so every bar is compared. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("markets")
    void onBalanceVolumeAgreesWithTa4j(Market market) {
        OnBalanceVolume ours = new OnBalanceVolume();
        assertAgreesWhenReady(market, ours, BARS, new Comparison(
                Agreement.relativeOrNearZero("obv " + market), ours::value,
                new OnBalanceVolumeIndicator(market.series())));
    }

    @Test
    void indicatorSetNamesCarryTheTa4jValuesOfTheStandardSet() {
        Market market = CRYPTO;
        IndicatorSet set = new IndicatorSet(Instrument.infer(market.name()));
        ClosePriceIndicator close = market.close();
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        SMAIndicator sma20 = new SMAIndicator(close, 20);
        StandardDeviationIndicator sd20 = new StandardDeviationIndicator(close, 20);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(sma20);
        Map<String, Indicator<Num>> references = new LinkedHashMap<>();
        references.put("sma_20", sma20);
        references.put("ema_12", new EMAIndicator(close, 12));
        references.put("ema_26", new EMAIndicator(close, 26));
        references.put("rsi_14", new RSIIndicator(close, 14));
        references.put("macd", macd);
        references.put("macd_signal", macd.getSignalLine(9));
        references.put("macd_hist", macd.getHistogram(9));
        references.put("bb_upper", new BollingerBandsUpperIndicator(middle, sd20, DecimalNum.valueOf(2)));
        references.put("bb_middle", middle);
        references.put("bb_lower", new BollingerBandsLowerIndicator(middle, sd20, DecimalNum.valueOf(2)));
        references.put("atr_14", new ATRIndicator(market.series(), 14));
        references.put("obv", new OnBalanceVolumeIndicator(market.series()));
        references.put("stddev_20", sd20);
        assertThat(IndicatorSet.NAMES).containsAll(references.keySet()).contains("vwap_session")
                .hasSize(references.size() + 1);

        Map<String, Agreement> agreements = new LinkedHashMap<>();
        references.keySet().forEach(name -> agreements.put(name, Agreement.relativeOrNearZero("IndicatorSet " + name)));
        double[] values = new double[IndicatorSet.NAMES.size()];
        int warm = 34;
        for (int i = 0; i < BARS; i++) {
            set.update(market.bars().get(i));
            set.values(values);
            if (i + 1 < warm) {
                continue;
            }
            for (Map.Entry<String, Indicator<Num>> reference : references.entrySet()) {
                int index = IndicatorSet.indexOf(reference.getKey());
                agreements.get(reference.getKey()).check(i, values[index], at(reference.getValue(), i));
            }
        }
        agreements.values().forEach(agreement -> agreement.assertAgreed(BARS - warm + 1));
    }
}
