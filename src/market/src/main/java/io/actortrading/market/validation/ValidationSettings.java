package io.actortrading.market.validation;

/**
 * How strict {@link MarketDataValidator} is. The node fills this from HOCON; {@link #defaults()} is what
 * it uses when nothing is configured.
 *
 * @param spikeBand           how far a price may move from the reference price, as a fraction
 *                            (0.10 = 10 %); {@link Double#POSITIVE_INFINITY} switches the spike check off
 * @param maxFutureSkewMillis how far ahead of the local clock an event may be stamped, for provider
 *                            clocks that run slightly ahead
 * @param staleAfterMillis    how old an event may be before it is flagged {@link Verdict#STALE}
 */
public record ValidationSettings(double spikeBand, long maxFutureSkewMillis, long staleAfterMillis) {

    public ValidationSettings {
        if (!(spikeBand > 0)) {
            throw new IllegalArgumentException("spikeBand must be a positive fraction, got " + spikeBand);
        }
        if (maxFutureSkewMillis < 0) {
            throw new IllegalArgumentException("maxFutureSkewMillis must not be negative, got " + maxFutureSkewMillis);
        }
        if (staleAfterMillis <= 0) {
            throw new IllegalArgumentException("staleAfterMillis must be positive, got " + staleAfterMillis);
        }
    }

    /**
     * 10 % spike band (a liquid symbol does not move that far between two trades or minutes), 2 s of
     * clock skew, stale after a minute (a 15-minute delayed feed is accepted but shows up as stale).
     */
    public static ValidationSettings defaults() {
        return new ValidationSettings(0.10, 2_000L, 60_000L);
    }
}
