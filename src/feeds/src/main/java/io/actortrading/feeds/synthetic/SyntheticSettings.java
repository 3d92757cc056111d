package io.actortrading.feeds.synthetic;

import java.util.List;

/**
 * How the synthetic market trades.
 *
 * @param symbols           canonical symbols to trade from the start (more can be added later)
 * @param ticksPerSecond    trades per second of wall time across all symbols while every symbol's
 *                          market is open, averaged over the session (closed markets print nothing)
 * @param speed             how many times faster than wall time market time runs (1 = real time)
 * @param startMarketMillis the market instant the clock starts at, epoch milliseconds
 * @param seed              the seed of every random draw: same seed and calls, same ticks
 */
public record SyntheticSettings(List<String> symbols, double ticksPerSecond, double speed, long startMarketMillis,
                                long seed) {

    public SyntheticSettings {
        symbols = List.copyOf(symbols);
        if (!(ticksPerSecond > 0) || Double.isInfinite(ticksPerSecond)) {
            throw new IllegalArgumentException("ticksPerSecond must be positive and finite: " + ticksPerSecond);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be positive and finite: " + speed);
        }
    }

    /** The market time once {@code wallElapsedNanos} of wall time have passed since the clock started. */
    public long marketMillisAfter(long wallElapsedNanos) {
        return startMarketMillis + (long) (wallElapsedNanos / 1_000_000.0 * speed);
    }
}
