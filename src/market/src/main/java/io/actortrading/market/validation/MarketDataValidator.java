package io.actortrading.market.validation;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;

/**
 * Decides whether a normalized event may reach its symbol. Checks run in a fixed order and the first
 * failing one names the verdict: malformed, non-finite, negative or zero price, negative volume, OHLC
 * consistency, zero width, future timestamp, price spike, stale. Allocation-free and never throws:
 * whatever arrives, a {@link Verdict} comes back.
 *
 * <p>A reference price (typically the symbol's last accepted price) is optional: {@code NaN} means
 * there is none, and so does a reference that is not a positive finite number, because a move
 * relative to it means nothing.
 */
public final class MarketDataValidator {

    private final ValidationSettings settings;

    public MarketDataValidator(ValidationSettings settings) {
        this.settings = settings;
    }

    public ValidationSettings settings() {
        return settings;
    }

    /** A trade print; its time is the trade time. A size of 0 is accepted (some venues print them). */
    public Verdict check(Tick t, long nowMillis, double referencePrice) {
        if (t == null || isMissing(t.symbol())) {
            return Verdict.MALFORMED;
        }
        if (!Double.isFinite(t.price()) || !Double.isFinite(t.size())) {
            return Verdict.NON_FINITE;
        }
        if (t.price() <= 0) {
            return Verdict.NEGATIVE_PRICE;
        }
        if (t.size() < 0) {
            return Verdict.NEGATIVE_VOLUME;
        }
        return timeAndPrice(t.timestamp(), t.price(), nowMillis, referencePrice);
    }

    /**
     * A finished bar. Its time for the future and stale checks is its end, because a bar cannot be
     * finished before it ends: a provider's still-forming minute is refused as a future timestamp. The
     * spike check compares the close; the vwap must be finite but may lie anywhere, as providers
     * compute it over trades the OHLC may exclude.
     */
    public Verdict check(Bar b, long nowMillis, double referencePrice) {
        if (b == null || isMissing(b.symbol()) || b.timeframe() == null) {
            return Verdict.MALFORMED;
        }
        if (!Double.isFinite(b.open()) || !Double.isFinite(b.high()) || !Double.isFinite(b.low())
                || !Double.isFinite(b.close()) || !Double.isFinite(b.volume()) || !Double.isFinite(b.vwap())) {
            return Verdict.NON_FINITE;
        }
        if (b.open() <= 0 || b.high() <= 0 || b.low() <= 0 || b.close() <= 0) {
            return Verdict.NEGATIVE_PRICE;
        }
        if (b.volume() < 0 || b.trades() < 0) {
            return Verdict.NEGATIVE_VOLUME;
        }
        if (b.high() < b.open() || b.high() < b.close() || b.high() < b.low()
                || b.low() > b.open() || b.low() > b.close()) {
            return Verdict.OHLC_INCONSISTENT;
        }
        if (b.end() <= b.start()) {
            return Verdict.ZERO_WIDTH;
        }
        return timeAndPrice(b.end(), b.close(), nowMillis, referencePrice);
    }

    private Verdict timeAndPrice(long eventMillis, double price, long nowMillis, double referencePrice) {
        if (eventMillis > saturatedAdd(nowMillis, settings.maxFutureSkewMillis())) {
            return Verdict.FUTURE_TIMESTAMP;
        }
        // |price / reference - 1| > band, multiplied out so that a move of exactly the band is not a
        // spike by rounding (110 / 100 - 1 is 0.10000000000000009)
        if (referencePrice > 0 && referencePrice < Double.POSITIVE_INFINITY
                && Math.abs(price - referencePrice) > settings.spikeBand() * referencePrice) {
            return Verdict.PRICE_SPIKE;
        }
        if (eventMillis < saturatedAdd(nowMillis, -settings.staleAfterMillis())) {
            return Verdict.STALE;
        }
        return Verdict.ACCEPTED;
    }

    private static boolean isMissing(String symbol) {
        return symbol == null || symbol.isBlank();
    }

    /** Clock arithmetic that cannot wrap around, whatever garbage time a provider sends. */
    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
