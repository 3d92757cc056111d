package io.actortrading.market.indicators;

import io.actortrading.market.instrument.Instrument;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** One indicator configuration under test: how to make it, its expected warm-up, and how to read all its values. */
record Subject(String name, Supplier<Indicator> factory, int expectedWarmUp, Function<Indicator, double[]> reader) {

    static final Instrument EQUITY = Instrument.infer("NVDA");

    static Stream<Subject> all() {
        return Stream.of(
                new Subject("Sma(20)", () -> new Sma(20), 20, i -> new double[] {((Sma) i).value()}),
                new Subject("Ema(12)", () -> new Ema(12), 12, i -> new double[] {((Ema) i).value()}),
                new Subject("WilderRsi(14)", () -> new WilderRsi(14), 15, i -> new double[] {((WilderRsi) i).value()}),
                new Subject("Macd(12,26,9)", () -> new Macd(12, 26, 9), 34, i -> {
                    Macd m = (Macd) i;
                    return new double[] {m.macd(), m.signal(), m.histogram()};
                }),
                new Subject("BollingerBands(20,2)", () -> new BollingerBands(20, 2.0), 20, i -> {
                    BollingerBands b = (BollingerBands) i;
                    return new double[] {b.upper(), b.middle(), b.lower()};
                }),
                new Subject("WilderAtr(14)", () -> new WilderAtr(14), 14, i -> new double[] {((WilderAtr) i).value()}),
                new Subject("SessionVwap", () -> new SessionVwap(EQUITY), 1, i -> new double[] {((SessionVwap) i).value()}),
                new Subject("OnBalanceVolume", OnBalanceVolume::new, 1, i -> new double[] {((OnBalanceVolume) i).value()}),
                new Subject("RollingStdDev(20)", () -> new RollingStdDev(20), 20,
                        i -> new double[] {((RollingStdDev) i).value()}));
    }

    Indicator create() {
        return factory.get();
    }

    double[] values(Indicator indicator) {
        return reader.apply(indicator);
    }

    @Override
    public String toString() {
        return name;
    }
}
