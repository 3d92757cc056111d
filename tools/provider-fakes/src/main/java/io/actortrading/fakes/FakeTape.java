package io.actortrading.fakes;

import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic market: every symbol trades {@code tradesPerMinute} times in every minute, around
 * the clock. Each minute's trades derive from a hash of (seed, symbol, minute) alone, so any minute can
 * be asked for in any order, any number of times, by any thread, with the same answer. Prices follow a
 * smooth function of time (slow waves around a base price hashed from the symbol) plus a little hashed
 * noise per trade, so consecutive minutes join up as a real chart would.
 */
public final class FakeTape {

    public static final long MINUTE_MILLIS = 60_000L;
    /** Prices and fractional sizes are rounded to this many decimals. */
    public static final int PRICE_DECIMALS = 4;

    private static final double SCALE = Math.pow(10, PRICE_DECIMALS);
    private static final double LOWEST_PRICE = 1 / SCALE;
    private static final double EQUITY_BASE_MIN = 20;
    private static final double EQUITY_BASE_MAX = 500;
    private static final double CRYPTO_BASE_MIN = 1;
    private static final double CRYPTO_BASE_MAX = 60_000;
    /** Relative amplitude and period of the waves the price rides on. */
    private static final double[] WAVE_AMPLITUDE = {0.02, 0.008, 0.002};
    private static final double[] WAVE_PERIOD_MILLIS = {6 * 3_600_000.0, 47 * MINUTE_MILLIS, 7 * MINUTE_MILLIS};
    private static final double NOISE = 0.0005;
    private static final int MAX_EQUITY_SIZE = 500;
    private static final double MAX_FRACTIONAL_SIZE = 0.5;
    /** Minute aggregates kept for day statistics; the cache is dropped whole when it grows past this. */
    private static final int CACHED_MINUTES = 50_000;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final int tradesPerMinute;
    private final Map<MinuteKey, FakeMinute> minutes = new ConcurrentHashMap<>();

    /**
     * @param seed            picks the market: the same seed gives the same trades
     * @param tradesPerMinute trades of each symbol in each minute, 1 to 60,000
     */
    public FakeTape(long seed, int tradesPerMinute) {
        if (tradesPerMinute < 1 || tradesPerMinute > MINUTE_MILLIS) {
            throw new IllegalArgumentException("trades per minute must be 1.." + MINUTE_MILLIS + ": " + tradesPerMinute);
        }
        this.seed = seed;
        this.tradesPerMinute = tradesPerMinute;
    }

    public long seed() {
        return seed;
    }

    public int tradesPerMinute() {
        return tradesPerMinute;
    }

    /** The start of the minute that holds {@code millis}. */
    public static long minuteStart(long millis) {
        return Math.floorDiv(millis, MINUTE_MILLIS) * MINUTE_MILLIS;
    }

    /** Whether the symbol trades fractional sizes (crypto and forex pairs) rather than whole shares. */
    public static boolean fractional(String canonicalSymbol) {
        return Instrument.infer(canonicalSymbol).assetClass() != AssetClass.US_EQUITY;
    }

    /** A price or fractional size rounded to {@link #PRICE_DECIMALS}: the double its decimal text reads back as. */
    public static double round(double value) {
        return Math.round(value * SCALE) / SCALE;
    }

    /**
     * The trades of the minute that starts at {@code minuteStartMillis} (any time inside it is taken as
     * its minute), oldest first, each in its own slot of the minute so no two share a millisecond.
     */
    public List<FakeTrade> trades(String canonicalSymbol, long minuteStartMillis) {
        long start = minuteStart(minuteStartMillis);
        long minuteIndex = Math.floorDiv(start, MINUTE_MILLIS);
        SplittableRandom random = new SplittableRandom(mix(mix(seed ^ symbolHash(canonicalSymbol)) + minuteIndex));
        double base = basePrice(canonicalSymbol);
        boolean fractional = fractional(canonicalSymbol);
        long slot = MINUTE_MILLIS / tradesPerMinute;
        List<FakeTrade> trades = new ArrayList<>(tradesPerMinute);
        for (int k = 0; k < tradesPerMinute; k++) {
            long time = start + k * slot + random.nextLong(slot);
            double noise = 1 + NOISE * (2 * random.nextDouble() - 1);
            double price = Math.max(LOWEST_PRICE, round(base * Math.exp(drift(canonicalSymbol, time)) * noise));
            double size = fractional
                    ? round(LOWEST_PRICE + random.nextDouble() * MAX_FRACTIONAL_SIZE)
                    : 1 + random.nextInt(MAX_EQUITY_SIZE);
            long sequence = minuteIndex * tradesPerMinute + k + 1;
            trades.add(new FakeTrade(canonicalSymbol, time, price, size, Long.toString(sequence), sequence));
        }
        return trades;
    }

    /** The aggregate of the minute's trades (the minute that holds {@code minuteStartMillis}). */
    public FakeMinute minute(String canonicalSymbol, long minuteStartMillis) {
        long start = minuteStart(minuteStartMillis);
        MinuteKey key = new MinuteKey(canonicalSymbol, start);
        FakeMinute cached = minutes.get(key);
        if (cached != null) {
            return cached;
        }
        FakeMinute minute = combine(canonicalSymbol, start, start + MINUTE_MILLIS, trades(canonicalSymbol, start),
                List.of()).orElseThrow();
        if (minutes.size() >= CACHED_MINUTES) {
            minutes.clear();
        }
        minutes.put(key, minute);
        return minute;
    }

    /**
     * The aggregate of the trades in {@code [fromMillis, toMillis)}, e.g. a day so far or the part of a
     * minute that has happened; empty when no trade falls inside.
     */
    public Optional<FakeMinute> aggregate(String canonicalSymbol, long fromMillis, long toMillis) {
        if (toMillis <= fromMillis) {
            return Optional.empty();
        }
        List<FakeTrade> edges = new ArrayList<>();
        List<FakeMinute> whole = new ArrayList<>();
        for (long minute = minuteStart(fromMillis); minute < toMillis; minute += MINUTE_MILLIS) {
            if (minute >= fromMillis && minute + MINUTE_MILLIS <= toMillis) {
                whole.add(minute(canonicalSymbol, minute));
            } else {
                for (FakeTrade trade : trades(canonicalSymbol, minute)) {
                    if (trade.time() >= fromMillis && trade.time() < toMillis) {
                        edges.add(trade);
                    }
                }
            }
        }
        return combine(canonicalSymbol, fromMillis, toMillis, edges, whole);
    }

    /** The last trade before {@code millis}. */
    public FakeTrade lastTrade(String canonicalSymbol, long millis) {
        for (long minute = minuteStart(millis); ; minute -= MINUTE_MILLIS) {
            List<FakeTrade> trades = trades(canonicalSymbol, minute);
            for (int k = trades.size() - 1; k >= 0; k--) {
                if (trades.get(k).time() < millis) {
                    return trades.get(k);
                }
            }
        }
    }

    /** Folds loose trades and whole-minute aggregates, in time order, into one aggregate. */
    private static Optional<FakeMinute> combine(String symbol, long from, long to, List<FakeTrade> trades,
                                                List<FakeMinute> wholeMinutes) {
        List<FakeMinute> parts = new ArrayList<>(trades.size() + wholeMinutes.size());
        for (FakeTrade t : trades) {
            parts.add(new FakeMinute(symbol, t.time(), t.time() + 1, t.price(), t.price(), t.price(), t.price(),
                    t.size(), t.price(), 1));
        }
        parts.addAll(wholeMinutes);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        parts.sort((a, b) -> Long.compare(a.start(), b.start()));
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double volume = 0;
        double notional = 0;
        long count = 0;
        for (FakeMinute part : parts) {
            high = Math.max(high, part.high());
            low = Math.min(low, part.low());
            volume += part.volume();
            notional += part.vwap() * part.volume();
            count += part.trades();
        }
        double roundedVolume = round(volume);
        double vwap = Math.min(high, Math.max(low, round(notional / volume)));
        return Optional.of(new FakeMinute(symbol, from, to, parts.get(0).open(), high, low,
                parts.get(parts.size() - 1).close(), roundedVolume, vwap, count));
    }

    private double basePrice(String symbol) {
        boolean fractional = fractional(symbol);
        double min = fractional ? CRYPTO_BASE_MIN : EQUITY_BASE_MIN;
        double max = fractional ? CRYPTO_BASE_MAX : EQUITY_BASE_MAX;
        double unit = new SplittableRandom(mix(seed + symbolHash(symbol))).nextDouble();
        return min * Math.pow(max / min, unit);
    }

    private double drift(String symbol, long time) {
        SplittableRandom phases = new SplittableRandom(mix(symbolHash(symbol) - seed));
        double drift = 0;
        for (int wave = 0; wave < WAVE_AMPLITUDE.length; wave++) {
            double phase = 2 * Math.PI * phases.nextDouble();
            drift += WAVE_AMPLITUDE[wave] * Math.sin(2 * Math.PI * time / WAVE_PERIOD_MILLIS[wave] + phase);
        }
        return drift;
    }

    private static long symbolHash(String symbol) {
        return mix(symbol.hashCode() * GOLDEN_GAMMA);
    }

    /** Stafford's variant 13 of the 64-bit finalizer: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record MinuteKey(String symbol, long start) {
    }
}
