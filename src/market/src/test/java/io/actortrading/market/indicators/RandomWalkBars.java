package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, realistic stream of 1-minute bars for one instrument: a log-normal random walk in
 * cent ticks over the instrument's regular session (so equities have overnight and weekend gaps and
 * cross the DST switch of 10 March 2024), with what real tapes have and naive ones lack:
 * <ul>
 *   <li>gaps at the session open and occasional intraday jumps, up and down;</li>
 *   <li>flat runs of 20-120 bars in which the close does not move, half of them without trades;</li>
 *   <li>isolated zero-volume bars (open = high = low = close = previous close, vwap = close);</li>
 *   <li>volume spikes of 10-50 times the usual volume;</li>
 *   <li>fractional volumes for crypto, whole shares for equities.</li>
 * </ul>
 * The same seed gives the same bars.
 */
public final class RandomWalkBars {

    private static final long MINUTE = 60_000L;
    private static final double TICKS_PER_UNIT = 100.0;
    private static final double MINUTE_VOLATILITY = 0.0015;
    private static final double MIN_PRICE = 1.0;

    private final Instrument instrument;
    private final SplittableRandom random;
    private long candidate;
    private long previousStart = Long.MIN_VALUE;
    private double close;
    private int flatBarsLeft;
    private boolean flatRunTrades;

    public RandomWalkBars(Instrument instrument, long seed, double startPrice) {
        this.instrument = instrument;
        this.random = new SplittableRandom(seed);
        this.close = roundToTick(startPrice);
        this.candidate = ZonedDateTime.of(LocalDate.of(2024, 3, 4), LocalTime.MIDNIGHT, instrument.zone())
                .toInstant().toEpochMilli();
    }

    /** 100.00 for equities, 60,000.00 for crypto (BTC-like), 1.00 otherwise. */
    public RandomWalkBars(Instrument instrument, long seed) {
        this(instrument, seed, switch (instrument.assetClass()) {
            case US_EQUITY -> 100.0;
            case CRYPTO -> 60_000.0;
            case FOREX -> 1.0;
        });
    }

    public static List<Bar> generate(Instrument instrument, long seed, int count) {
        return new RandomWalkBars(instrument, seed).take(count);
    }

    public List<Bar> take(int count) {
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bars.add(next());
        }
        return bars;
    }

    public Bar next() {
        long start = nextOpenMinute();
        boolean sessionOpen = previousStart != Long.MIN_VALUE && start - previousStart > MINUTE;
        previousStart = start;
        double open = close;
        if (sessionOpen) {
            double gap = random.nextDouble() < 0.3 ? signedUniform(0.01, 0.04) : 0.004 * random.nextGaussian();
            open = move(open, gap);
        } else if (random.nextDouble() < 0.003) {
            open = move(open, signedUniform(0.005, 0.03));
        }

        if (flatBarsLeft == 0 && random.nextDouble() < 0.005) {
            flatBarsLeft = 20 + random.nextInt(101);
            flatRunTrades = random.nextBoolean();
        }
        if (flatBarsLeft > 0) {
            flatBarsLeft--;
            close = open;
            return flat(start, open, flatRunTrades ? usualVolume() : 0.0);
        }
        if (random.nextDouble() < 0.01) {
            close = open;
            return flat(start, open, 0.0);
        }

        double newClose = move(open, MINUTE_VOLATILITY * random.nextGaussian());
        double wick = MINUTE_VOLATILITY * 0.5 * open;
        double high = roundToTick(Math.max(open, newClose) + Math.abs(random.nextGaussian()) * wick);
        double low = Math.max(MIN_PRICE, roundToTick(Math.min(open, newClose) - Math.abs(random.nextGaussian()) * wick));
        double volume = usualVolume();
        if (random.nextDouble() < 0.01) {
            volume = roundVolume(volume * (10 + random.nextInt(41)));
        }
        double vwap = Bar.typicalPrice(high, low, newClose) + random.nextGaussian() * (high - low) / 6.0;
        vwap = Math.min(high, Math.max(low, vwap));
        close = newClose;
        return new Bar(instrument.symbol(), Timeframe.M1, start, start + MINUTE, open, high, low, newClose, volume,
                vwap, tradesFor(volume), "random-walk");
    }

    private Bar flat(long start, double price, double volume) {
        return new Bar(instrument.symbol(), Timeframe.M1, start, start + MINUTE, price, price, price, price, volume,
                price, tradesFor(volume), "random-walk");
    }

    private long nextOpenMinute() {
        while (true) {
            long minute = candidate;
            candidate += MINUTE;
            ZonedDateTime local = Instant.ofEpochMilli(minute).atZone(instrument.zone());
            if (instrument.session().isOpen(local.getDayOfWeek(), local.toLocalTime())) {
                return minute;
            }
        }
    }

    private double move(double price, double logReturn) {
        return Math.max(MIN_PRICE, roundToTick(price * Math.exp(logReturn)));
    }

    private double signedUniform(double min, double max) {
        double size = min + (max - min) * random.nextDouble();
        return random.nextBoolean() ? size : -size;
    }

    private double usualVolume() {
        double base = instrument.assetClass() == AssetClass.CRYPTO ? 0.8 : 2_000.0;
        return roundVolume(base * Math.exp(0.6 * random.nextGaussian()));
    }

    private double roundVolume(double volume) {
        return instrument.assetClass() == AssetClass.CRYPTO
                ? Math.max(1e-4, Math.round(volume * 1e4) / 1e4)
                : Math.max(1.0, Math.round(volume));
    }

    private long tradesFor(double volume) {
        if (volume == 0.0) {
            return 0;
        }
        return instrument.assetClass() == AssetClass.CRYPTO ? 1 + (long) (volume * 20) : 1 + (long) (volume / 100);
    }

    private static double roundToTick(double price) {
        return Math.round(price * TICKS_PER_UNIT) / TICKS_PER_UNIT;
    }
}
