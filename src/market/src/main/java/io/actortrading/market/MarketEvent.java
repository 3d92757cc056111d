package io.actortrading.market;

/**
 * A normalized piece of market data for one canonical symbol, as feeds hand it to the node.
 * Times are epoch milliseconds of the provider's event time (never the receive time).
 */
public sealed interface MarketEvent permits Tick, Quote, Bar {

    /** The canonical symbol (what users type: {@code NVDA}, {@code BTC-USD}). */
    String symbol();

    /** Provider event time, epoch milliseconds UTC. */
    long timestamp();

    /** The source that produced this event ({@code polygon}, {@code synthetic}, {@code replay}, ...). */
    String source();
}
