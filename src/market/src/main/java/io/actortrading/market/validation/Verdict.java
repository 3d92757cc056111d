package io.actortrading.market.validation;

/** What {@link MarketDataValidator} decided about one event. */
public enum Verdict {
    /** Good data. */
    ACCEPTED(true),
    /** Good data that is older than the settings allow: used, but counted and reported. */
    STALE(true),
    /** No event, no symbol (null or blank), or a bar without a timeframe: nothing to route or check. */
    MALFORMED(false),
    /** A price, size or volume that is NaN or infinite. */
    NON_FINITE(false),
    /** A price that is zero or negative. */
    NEGATIVE_PRICE(false),
    /** A negative size, volume or trade count. */
    NEGATIVE_VOLUME(false),
    /** A bar whose high is below its open, close or low, or whose low is above its open or close. */
    OHLC_INCONSISTENT(false),
    /** A bar that does not end after it starts. */
    ZERO_WIDTH(false),
    /** Stamped later than the local clock plus the allowed skew. */
    FUTURE_TIMESTAMP(false),
    /** Further from the reference price than the spike band: most likely a bad print. */
    PRICE_SPIKE(false);

    private final boolean accepted;

    Verdict(boolean accepted) {
        this.accepted = accepted;
    }

    /** Whether the event goes on to the symbol (also when it is flagged stale). */
    public boolean accepted() {
        return accepted;
    }
}
