package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import io.actortrading.market.Checkpointable;

/**
 * A streaming technical indicator: fed one closed bar at a time, O(1) and allocation-free per update,
 * its value accessors return {@link Double#NaN} until {@link #isReady()}.
 *
 * <p>A bar whose fields this indicator reads are not finite is ignored (not counted in
 * {@link #samples()}): the recursive indicators would otherwise carry one bad print forever.
 * Validation upstream is expected to have dropped such bars already; this is the last line.
 */
public interface Indicator extends Checkpointable {

    void update(Bar bar);

    /** Whether the values can be trusted: at least {@link #warmUpPeriod()} samples have been seen. */
    default boolean isReady() {
        return samples() >= warmUpPeriod();
    }

    /** Number of samples after which the values are trustworthy. */
    int warmUpPeriod();

    /** Number of samples (bars or values) taken in so far. */
    long samples();
}
