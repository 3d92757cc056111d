package io.actortrading.market;

/** Best bid and offer at one moment. Sizes are in shares (or coins), already converted from round lots. */
public record Quote(String symbol, long timestamp, double bid, double bidSize, double ask, double askSize,
                    String source) implements MarketEvent {

    public double mid() {
        return (bid + ask) / 2.0;
    }
}
