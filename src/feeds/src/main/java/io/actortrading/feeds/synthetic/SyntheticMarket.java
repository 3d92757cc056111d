package io.actortrading.feeds.synthetic;

import io.actortrading.market.Tick;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.instrument.TradingSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded market of trades for demos and load: each symbol follows a geometric random walk with its
 * own drift and volatility ({@link SymbolProfile}), and trades arrive as a random (Poisson) stream in
 * market time.
 *
 * <p>Trade arrival is simulated by thinning: candidate times arrive at the highest rate any symbol can
 * have, each candidate goes to a symbol chosen uniformly and becomes a trade with probability
 * {@code intensity / maximum}. The intensity of a symbol is 0 outside its regular session, U-shaped
 * over an equity session (2x the average at the open and the close, 0.5x at midday, as real volume
 * is) and flat for markets that never close. When every symbol is closed the clock jumps to the next
 * open instead of drawing candidates through the night.
 *
 * <p>Everything random comes from one {@link SplittableRandom} drawn in a fixed order per candidate,
 * so the same seed and the same calls give the same ticks, and how often {@link #emit} is called does
 * not change them. Emitting allocates nothing but the ticks (and, once per session and symbol, the
 * session's bounds). Not thread-safe: one market per feed actor.
 */
public final class SyntheticMarket {

    /** Intraday intensity peaks at twice the session average (see {@link SymbolWalk#intensity}). */
    private static final double MAX_INTENSITY = 2.0;

    /**
     * The walk models trading time: a gap between two trades counts at most this long, so a night or
     * weekend without trades does not turn into one enormous price jump.
     */
    private static final double MAX_STEP_MILLIS = 60_000.0;

    private static final double ODD_LOT_PROBABILITY = 0.3;
    private static final double MEAN_CRYPTO_NOTIONAL = 2_000.0;
    private static final double CRYPTO_SIZE_UNITS = 1e6;
    private static final String SOURCE = "synthetic";

    private final SplittableRandom random;
    /** Candidate trades per market millisecond, across all symbols. */
    private final double candidateRate;
    private final List<SymbolWalk> walks = new ArrayList<>();
    private double nextCandidate;
    /** The latest market time {@link #emit} was asked for: where a newly added symbol's walk starts. */
    private long horizon;

    public SyntheticMarket(SyntheticSettings settings) {
        this.random = new SplittableRandom(settings.seed());
        this.candidateRate = MAX_INTENSITY * settings.ticksPerSecond() / settings.speed() / 1000.0;
        this.horizon = settings.startMarketMillis();
        this.nextCandidate = settings.startMarketMillis() + candidateGap();
        for (String symbol : settings.symbols()) {
            addSymbol(symbol);
        }
    }

    /** Starts trading a symbol (canonicalised; adding a traded symbol again changes nothing). */
    public void addSymbol(String symbol) {
        Instrument instrument = Instrument.infer(symbol);
        if (indexOf(instrument.symbol()) < 0) {
            walks.add(new SymbolWalk(instrument, SymbolProfile.of(instrument), horizon));
        }
    }

    /** Stops trading a symbol; unknown symbols are ignored. */
    public void removeSymbol(String symbol) {
        int index = indexOf(Instrument.infer(symbol).symbol());
        if (index >= 0) {
            walks.remove(index);
        }
    }

    /** The traded symbols, in the order they were added. */
    public List<String> symbols() {
        List<String> symbols = new ArrayList<>(walks.size());
        for (SymbolWalk walk : walks) {
            symbols.add(walk.instrument.symbol());
        }
        return List.copyOf(symbols);
    }

    /**
     * Generates the trades up to market time {@code marketMillis} in time order, at most
     * {@code maxTicks} of them (the rest follow on the next call), and hands them to {@code sink}.
     *
     * @return how many ticks were emitted
     */
    public int emit(long marketMillis, int maxTicks, Consumer<Tick> sink) {
        horizon = Math.max(horizon, marketMillis);
        if (walks.isEmpty()) {
            nextCandidate = Math.max(nextCandidate, marketMillis);
            return 0;
        }
        int emitted = 0;
        while (emitted < maxTicks) {
            long time = (long) Math.floor(nextCandidate);
            if (time > marketMillis) {
                break;
            }
            SymbolWalk walk = walks.get(random.nextInt(walks.size()));
            double acceptance = random.nextDouble() * MAX_INTENSITY;
            if (walk.isOpen(time)) {
                if (acceptance < walk.intensity(time)) {
                    sink.accept(trade(walk, time));
                    emitted++;
                }
            } else {
                long open = nextOpen(time);
                if (open > time) {
                    nextCandidate = open;
                }
            }
            nextCandidate += candidateGap();
        }
        return emitted;
    }

    private Tick trade(SymbolWalk walk, long time) {
        SymbolProfile profile = walk.profile;
        double elapsed = Math.max(0.0, Math.min(time - walk.lastMillis, MAX_STEP_MILLIS));
        double dt = elapsed / profile.tradingMillisPerYear();
        double sigma = profile.volatility();
        walk.price *= Math.exp((profile.drift() - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * random.nextGaussian());
        walk.lastMillis = time;
        return Tick.of(walk.instrument.symbol(), time, roundToTick(walk.price, walk.instrument.assetClass()),
                size(walk), SOURCE);
    }

    private double size(SymbolWalk walk) {
        switch (walk.instrument.assetClass()) {
            case CRYPTO:
                double coins = exponential() * MEAN_CRYPTO_NOTIONAL / walk.price;
                return Math.max(1.0, Math.rint(coins * CRYPTO_SIZE_UNITS)) / CRYPTO_SIZE_UNITS;
            case FOREX:
                return 1_000.0 * (1 + random.nextInt(100));
            default:
                if (random.nextDouble() < ODD_LOT_PROBABILITY) {
                    return 1 + random.nextInt(99);
                }
                return 100.0 * (1 + Math.floor(exponential() * 2));
        }
    }

    /** Cents for prices of a dollar or more, finer below; forex in pips of a pip (five decimals). */
    private static double roundToTick(double price, AssetClass assetClass) {
        double ticksPerUnit = assetClass == AssetClass.FOREX ? 100_000.0 : price >= 1.0 ? 100.0 : 10_000.0;
        return Math.rint(price * ticksPerUnit) / ticksPerUnit;
    }

    /** The earliest instant at or after {@code time} at which some symbol's market is open. */
    private long nextOpen(long time) {
        long earliest = Long.MAX_VALUE;
        for (SymbolWalk walk : walks) {
            if (walk.isOpen(time)) {
                return time;
            }
            earliest = Math.min(earliest, walk.sessionOpen);
        }
        return earliest;
    }

    private double candidateGap() {
        return exponential() / candidateRate;
    }

    private double exponential() {
        return -Math.log(1.0 - random.nextDouble());
    }

    private int indexOf(String symbol) {
        for (int i = 0; i < walks.size(); i++) {
            if (walks.get(i).instrument.symbol().equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /** One symbol's price path and the bounds of its current (or next) session. */
    private static final class SymbolWalk {

        final Instrument instrument;
        final SymbolProfile profile;
        double price;
        long lastMillis;
        long sessionOpen;
        long sessionClose = Long.MIN_VALUE;

        SymbolWalk(Instrument instrument, SymbolProfile profile, long startMillis) {
            this.instrument = instrument;
            this.profile = profile;
            this.price = profile.referencePrice();
            this.lastMillis = startMillis;
        }

        boolean isOpen(long time) {
            if (time >= sessionClose) {
                locateSession(time);
            }
            return time >= sessionOpen && time < sessionClose;
        }

        /**
         * Trading intensity relative to the session average: {@code 0.5 + 1.5 (2x - 1)^2} over the
         * session fraction x, which averages 1; flat for markets that never close. Call when open.
         */
        double intensity(long time) {
            if (instrument.session().continuous()) {
                return 1.0;
            }
            double x = (double) (time - sessionOpen) / (sessionClose - sessionOpen);
            double fromMidday = 2 * x - 1;
            return 0.5 + 1.5 * fromMidday * fromMidday;
        }

        /** Finds the session that contains {@code time} or, if none does, the next one. */
        private void locateSession(long time) {
            ZoneId zone = instrument.zone();
            TradingSession session = instrument.session();
            LocalDate day = Instant.ofEpochMilli(time).atZone(zone).toLocalDate();
            for (int k = 0; k < 8; k++, day = day.plusDays(1)) {
                if (!session.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                long open;
                long close;
                if (session.continuous()) {
                    open = day.atStartOfDay(zone).toInstant().toEpochMilli();
                    close = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
                } else {
                    open = ZonedDateTime.of(day, session.open(), zone).toInstant().toEpochMilli();
                    close = ZonedDateTime.of(day, session.close(), zone).toInstant().toEpochMilli();
                }
                if (time < close) {
                    sessionOpen = open;
                    sessionClose = close;
                    return;
                }
            }
            sessionOpen = Long.MAX_VALUE;
            sessionClose = Long.MAX_VALUE;
        }
    }
}
