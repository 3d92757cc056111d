package io.actortrading.node.feed;

import io.actortrading.market.MarketEvent;

import java.util.List;

/**
 * Where the router reports what it routed, once per batch (the Redis publisher's ticks stream). Called
 * on the router's thread for every batch: it must return at once, never block or wait.
 */
@FunctionalInterface
public interface TradeTape {

    /** A tape nobody reads (no Redis, replay). */
    TradeTape NONE = routed -> {
    };

    /** @param routed the batch's events of registered symbols; the list is not changed afterwards */
    void record(List<MarketEvent> routed);
}
