package io.actortrading.market.candles;

/**
 * A span [start, end) of epoch milliseconds: either a bar's bucket inside the regular session, or,
 * when {@code inSession} is false, the stretch outside the session that contains the instant asked
 * about (so a run of pre-market ticks can be dropped by comparing against it).
 */
record Bucket(long start, long end, boolean inSession) {

    boolean contains(long t) {
        return t >= start && t < end;
    }
}
