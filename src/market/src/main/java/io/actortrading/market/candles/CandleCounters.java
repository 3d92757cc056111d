package io.actortrading.market.candles;

/**
 * A snapshot of what one aggregator has done with its input. The outcome counts cover ticks and
 * provider bars together; {@code barsClosed} counts closed bars of every timeframe handed to a sink.
 */
public record CandleCounters(long applied, long late, long duplicates, long outsideSession, long rejected,
                             long barsClosed) {
}
