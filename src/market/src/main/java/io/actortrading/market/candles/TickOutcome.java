package io.actortrading.market.candles;

/** What the candle aggregator did with one tick or provider bar; every outcome but APPLIED is counted and dropped. */
public enum TickOutcome {
    /** Folded into the forming 1-minute bar (or, for a provider bar, closed as the 1-minute bar). */
    APPLIED,
    /** Its minute, or a higher bucket containing it, is already closed. */
    LATE,
    /** Its provider identity (trade id + exchange, else sequence) was among the recent ticks. */
    DUPLICATE,
    /** Outside the instrument's regular session. */
    OUTSIDE_SESSION,
    /** Unusable: null, non-finite or negative price or size, a timestamp outside years 1970-9999, an inconsistent bar. */
    REJECTED
}
