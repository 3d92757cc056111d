package io.actortrading.market;

/**
 * One trade print.
 *
 * @param symbol    canonical symbol
 * @param timestamp trade time, epoch milliseconds UTC (provider event time)
 * @param price     trade price
 * @param size      trade size (fractional for crypto)
 * @param source    source id
 * @param tradeId   the provider's trade id, or {@code null} when the provider has none
 * @param sequence  the provider's per-symbol sequence number, or {@link #NO_SEQUENCE}
 * @param exchange  the provider's exchange id, or 0 when unknown (trade ids are unique per exchange)
 */
public record Tick(String symbol, long timestamp, double price, double size, String source,
                   String tradeId, long sequence, int exchange) implements MarketEvent {

    public static final long NO_SEQUENCE = -1L;

    /** A trade without provider identity (replay files, the synthetic market): never a duplicate. */
    public static Tick of(String symbol, long timestamp, double price, double size, String source) {
        return new Tick(symbol, timestamp, price, size, source, null, NO_SEQUENCE, 0);
    }

    /** Whether the provider identified this trade, so a repeat of it can be recognised as a duplicate. */
    public boolean identified() {
        return tradeId != null || sequence != NO_SEQUENCE;
    }
}
